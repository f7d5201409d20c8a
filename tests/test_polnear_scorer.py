"""The PolNeAR reader and scorer (bench/polnear.py, bench/polnear_score.py) on invented BRAT
documents; one test reads the real dev split when a local copy is there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from polnear import (  # noqa: E402
    DEFAULT_DIR,
    Attribution,
    Document,
    parse_ann,
    polnear_dir,
    read_split,
)
from polnear_score import (  # noqa: E402
    Predicted,
    exact_pieces,
    predictions,
    score,
    source_name,
    speaker_matches,
    trim,
)

from kg.model import AnnotatedArticle, Article, Claim, Entity, Status  # noqa: E402

QUOTE = "\u201cWe will open the bridge,\u201d Mayor Ana Ruiz said. \u201cIt is safe.\u201d\n"


def _t(ident: str, label: str, text: str, *spans: tuple[int, int]) -> str:
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"{ident}\t{label} {offsets}\t{' '.join(text[s:e] for s, e in spans)}"


def _quote_ann(text: str) -> str:
    first, second = text.index("\u201cWe"), text.index("\u201cIt")
    source = text.index("Mayor")
    return "\n".join([
        _t("T1", "Content", text, (first, text.index(" Mayor"))),
        _t("T2", "Source", text, (source, source + len("Mayor Ana Ruiz"))),
        _t("T3", "Cue", text, (text.index("said"), text.index("said") + 4)),
        _t("T4", "Attribution", text, (text.index("said"), text.index("said") + 4)),
        _t("T5", "Content", text, (second, len(text) - 1)),
        "E1\tAttribution:T4 Cue:T3 Source:T2 Content:T1 Content2:T5",
        "#1\tAnnotatorNotes T1\tinvented note",
    ]) + "\n"


def test_content2_continues_the_content_and_offsets_are_checked() -> None:
    parsed = parse_ann(_quote_ann(QUOTE), QUOTE, "quote.ann")
    assert parsed.problems == [] and parsed.offset_mismatches == 0
    assert parsed.spans_checked == 5 and parsed.relations == 1
    (attribution,) = parsed.attributions
    assert attribution.id == "E1"
    document = Document("quote", "aaaa", QUOTE, (attribution,))
    assert document.words(attribution.content) == (
        "\u201cWe will open the bridge,\u201d \u201cIt is safe.\u201d")
    assert document.words(attribution.source) == "Mayor Ana Ruiz"
    assert document.words(attribution.cue) == "said"


def test_discontinuous_fragment_over_a_new_line_and_a_missing_source() -> None:
    text = "It was said that the road\n\nis closed, and the bridge."
    cue = (text.index("was"), text.index(" that"))
    content = ((text.index("the road"), text.index(", and")),
               (text.index("the bridge"), len(text) - 1))
    ann = "\n".join([
        _t("T1", "Cue", text, cue),
        _t("T2", "Attribution-no-source", text, cue),
        _t("T3", "Content", text, *content),
        "E1\tAttribution-no-source:T2 Content:T3 Cue:T1",
    ]) + "\n"
    assert "road\n\nis" in ann
    parsed = parse_ann(ann, text)
    assert parsed.problems == [] and parsed.offset_mismatches == 0
    (attribution,) = parsed.attributions
    assert attribution.source == () and attribution.content == content


def test_problems_are_reported_not_guessed() -> None:
    text = "Ana Ruiz said it rains."
    ann = "\n".join([
        "T1\tSource 0 8\tAna Ruis",
        "T2\tCue 9 13\tsaid",
        "T3\tAttribution 9 13\tsaid",
        "T4\tContent 14 40\tit rains.",
        "T5\tContent 14 22\tit rains",
        "E1\tAttribution:T3 Cue:T2 Source:T1",
        "E2\tAttribution:T3 Cue:T2 Speaker:T1 Content:T5",
        "stray words",
        "R1\tLink Arg1:T1 Arg2:T2",
    ]) + "\n"
    parsed = parse_ann(ann, text, "bad.ann")
    kinds = sorted(p.kind for p in parsed.problems)
    assert kinds == ["Content span in no relation", "offset mismatch", "offsets out of range",
                     "relation without a content (left out)",
                     "source relation without a source", "stray line",
                     "unexpected R line", "unknown role"]
    assert parsed.offset_mismatches == 2 and parsed.relations == 2
    assert [a.id for a in parsed.attributions] == ["E2"]
    assert all("rains" not in p.detail for p in parsed.problems)


def _corpus(root: Path) -> None:
    for split in ("dev", "test"):
        (root / "data" / split / "text").mkdir(parents=True)
        (root / "data" / split / "attributions").mkdir(parents=True)
    (root / "data" / "dev" / "text" / "news_a.txt").write_text(QUOTE, encoding="utf-8")
    for annotator in ("bbbb", "aaaa"):
        (root / "data" / "dev" / "attributions" / f"news_a_{annotator}.ann").write_text(
            _quote_ann(QUOTE), encoding="utf-8")
    (root / "data" / "test" / "text" / "news_t.txt").write_text("held out", encoding="utf-8")
    (root / "data" / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\ndev\tnews_a\tdaily\ntest\tnews_t\tother\n",
        encoding="utf-8")


def test_read_split_from_a_checkout_and_a_bare_repository(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    _corpus(checkout)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(checkout)], check=True)
    subprocess.run([*git, "-C", str(checkout), "add", "."], check=True)
    subprocess.run([*git, "-C", str(checkout), "commit", "-qm", "corpus"], check=True)
    subprocess.run(["git", "clone", "-q", "--bare", str(checkout), str(tmp_path / "bare")],
                   check=True)
    for root in (checkout, tmp_path / "bare"):
        split = read_split("dev", str(root))
        (document,) = split.documents
        assert (document.name, document.annotator, document.other_annotators) == (
            "news_a", "aaaa", ("bbbb",))
        assert document.publisher == "daily" and document.text == QUOTE
        assert split.annotation_files == 2 and split.spans_checked == 10
        assert split.relations == 1 and split.problems == []
        with pytest.raises(ValueError, match="held out"):
            read_split("test", str(root))


def _document(text: str, *contents: tuple[tuple[int, int], ...],
              source: tuple[tuple[int, int], ...] = ()) -> Document:
    attributions = tuple(Attribution(f"E{i}", source, (), content)
                         for i, content in enumerate(contents, start=1))
    return Document("synthetic", "aaaa", text, attributions, "daily")


def test_found_when_one_attributed_claim_covers_half_of_the_content() -> None:
    text = "x" * 100
    document = _document(text, ((10, 20), (30, 40)))
    half = score([document], [[Predicted(15, 35, True)]])
    assert (half.gold, half.found) == (1, 1)
    under = score([document], [[Predicted(16, 35, True)]])
    assert under.found == 0 and under.misses == {"attributed claim covers less than half": 1}
    newsroom = score([document], [[Predicted(0, 50, False)]])
    assert newsroom.found == 0 and newsroom.predicted_attributed == 0
    assert newsroom.misses == {"claimed as the newsroom's assertion": 1}
    two_halves = score([document], [[Predicted(10, 20, True), Predicted(30, 40, True)]])
    assert two_halves.found == 1


def test_precision_rule() -> None:
    text = "y" * 200
    document = _document(text, ((0, 100),), ((150, 160),))
    claims = [
        Predicted(140, 170, True),   # covers all of the 10-character content: right
        Predicted(10, 30, True),     # a fifth of the content, wholly inside it: right
        Predicted(80, 120, True),    # 20 of 40 characters inside, a fifth covered: right
        Predicted(90, 130, True),    # 10 of 40 inside, a tenth covered: wrong
        Predicted(100, 150, True),   # touches no content: wrong
        Predicted(0, 100, False),    # not attributed: not counted
    ]
    result = score([document], [claims])
    assert (result.predicted_attributed, result.predicted_right) == (5, 3)
    assert result.predicted_all == 6
    assert result.wrong_claims == {"overlaps a gold content by less than half": 1,
                                   "outside every gold attribution": 1}
    assert result.metrics()["precision"] == 0.6


def test_exact_match_trims_spaces_quotes_and_punctuation_on_both_sides() -> None:
    assert trim('He said: "Yes."', 9, 15) == (10, 13)
    text = "She said \u201cwe will win,\u201d then left.  \u201cSoon.\u201d"
    first = (text.index("\u201cwe"), text.index(" then"))
    soon = (text.index("\u201cSoon"), len(text))
    assert exact_pieces(text, [first]) == [(first[0] + 1, first[1] - 2)]
    document = _document(text, (first,), (soon,))
    claims = [Predicted(first[0] + 1, first[1] - 2, True),
              Predicted(soon[0] - 2, soon[1], True),
              Predicted(0, 8, True)]
    exact = score([document], [claims]).metrics()["exact"]
    assert (exact["gold_pieces"], exact["gold_matched"]) == (2, 2)
    assert (exact["predicted_spans"], exact["predicted_matched"]) == (3, 2)
    assert exact["f1"] == round(2 * (2 / 3) * 1 / (2 / 3 + 1), 4)
    gap = "a b  c"
    assert exact_pieces(gap, [(0, 1), (2, 3), (5, 6)]) == [(0, 6)]


def test_named_sources_and_speaker_match() -> None:
    text = ("Farmers met. The farmers said it. Sen. Jane Doe, a Democrat, said so. "
            "A reporter for The Daily Planet wrote it. He said no. Doe said yes.")

    def name(words: str) -> list[str]:
        start = text.index(words)
        return source_name(text, [(start, start + len(words))])

    assert name("Sen. Jane Doe, a Democrat,") == ["jane", "doe"]
    assert name("A reporter for The Daily Planet") == []
    assert name("He") == [] and name("Farmers") == []
    assert name("Doe") == ["doe"]
    assert speaker_matches(["jane", "doe"], ["J. Doe"])
    assert speaker_matches(["doe"], ["Jane Doe"])
    assert speaker_matches(["jane"], ["Jane Doe's office"])
    assert not speaker_matches(["jane", "doe"], ["John Roe", "the newsroom"])
    assert not speaker_matches([], ["Jane Doe"])
    start = text.index("Sen.")
    document = _document(text, ((text.index("so."), text.index("so.") + 2),),
                         source=((start, start + 13),))
    span = document.attributions[0].content[0]
    right = score([document], [[Predicted(*span, True, ("Jane Doe",))]])
    wrong = score([document], [[Predicted(*span, True, ("the newsroom",))]])
    assert (right.named_found, right.named_right, wrong.named_right) == (1, 1, 0)


def test_predictions_from_an_annotated_article() -> None:
    status = Status("unverified", "invented")

    def claim(ident: str, kind: str, claimants: tuple[str, ...]) -> Claim:
        return Claim(ident, "words", 0, 5, kind, "fact", claimants, (), status)

    annotated = AnnotatedArticle(
        Article("a", "A", "en", "words and more"),
        [Entity("ana-ruiz", "Ana Ruiz", "person", aliases=("Mayor Ruiz",)),
         Entity("redaction-a", "the newsroom", "group")],
        [claim("c1", "assertion", ("redaction-a",)), claim("c2", "direct-quote", ("ana-ruiz",)),
         claim("c3", "reported-speech", ())])
    assert predictions(annotated) == [
        Predicted(0, 5, False, ("the newsroom",)),
        Predicted(0, 5, True, ("Ana Ruiz", "Mayor Ruiz")),
        Predicted(0, 5, True, ())]


@pytest.mark.skipif(not Path(polnear_dir()).exists(),
                    reason=f"no PolNeAR copy (POLNEAR_DIR or {DEFAULT_DIR})")
def test_real_dev_split_reads_whole_with_matching_offsets() -> None:
    dev = read_split("dev")
    assert len(dev.documents) == 84 and dev.annotation_files == 94
    assert sum(len(d.attributions) for d in dev.documents) == 2192
    assert dev.spans_checked == 9095 and dev.offset_mismatches == 0
    for document in dev.documents:
        for attribution in document.attributions:
            assert all(0 <= s < e <= len(document.text) for s, e in attribution.content)
