"""The corpus generator: deterministic, valid against the SHACL shapes, fast bulk path."""

from __future__ import annotations

from pathlib import Path

from kg.generate import (
    article_nquads,
    bulk_load,
    generate_article,
    generate_articles,
    pools_for,
    write_nquads,
)


def test_same_seed_gives_byte_identical_nquads(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.nq", tmp_path / "b.nq", tmp_path / "c.nq"
    write_nquads(first, 200, seed=5)
    write_nquads(second, 200, seed=5, workers=2)
    write_nquads(other, 200, seed=6)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_generated_article_passes_shacl_and_is_consistent() -> None:
    from kg.mapping import article_quads
    from kg.shacl import check_quads

    annotated = generate_article(3, seed=1, pools=pools_for(10_000))
    check_quads(article_quads(annotated), annotated.origin)
    text = annotated.article.text
    for claim in annotated.claims:
        assert text[claim.start:claim.end] == claim.text
        for figure in claim.figures:
            assert text[figure.span.start:figure.span.end] == figure.span.text
    statuses = {c.status.status for a in generate_articles(2_000, seed=1) for c in a.claims}
    assert {"unverified", "contested"} <= statuses


def test_bulk_load_gives_the_same_quads_as_ingest(tmp_path: Path) -> None:
    from kg.exports import export_text
    from kg.ingest import ingest_articles
    from kg.store import open_store

    articles = list(generate_articles(40, seed=2))
    nq = tmp_path / "corpus.nq"
    nq.write_text("".join(article_nquads(a) for a in articles), encoding="utf-8")
    bulk_load(tmp_path / "bulk", nq)
    with open_store(str(tmp_path / "ingested")) as store:
        ingest_articles(store, articles)
        ingested = export_text(store, "nquads")
    with open_store(str(tmp_path / "bulk")) as store:
        bulk = export_text(store, "nquads")
    # ingest may derive more (kg reconcile's graphs and statuses); the article graphs are equal

    def article_lines(text: str) -> set[str]:
        return {line for line in text.splitlines()
                if line.rsplit(" ", 2)[-2].startswith("<https://kg.example.org/id/graph/gen-2-")}

    assert article_lines(bulk) == article_lines(ingested)
    assert len(bulk.splitlines()) > 2_000


def test_speakers_and_topics_have_a_heavy_tail() -> None:
    from collections import Counter

    from kg.generate import person_name, ranked_share

    topics: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    for article in generate_articles(10_000, seed=3):
        for claim in article.claims:
            topics.update(claim.about)
            speakers.update(c for c in claim.claimants if c.startswith("person-"))
    for counts in (topics, speakers):
        sizes = sorted(counts.values(), reverse=True)
        median = sizes[len(sizes) // 2]
        assert sizes[0] > 10 * median  # a few are named very often, most rarely
        assert len(sizes) > 300
    pool = pools_for(10_000).topics
    assert abs(sum(ranked_share(r, pool) for r in range(pool)) - 1) < 1e-9
    assert topics["topic-00000"] > 10 * topics[f"topic-{pool // 2:05d}"]
    assert len({person_name(i) for i in range(200_000)}) == 200_000
