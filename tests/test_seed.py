"""The seed article's graph: every statement with the right speakers, figures and statuses."""

from __future__ import annotations

from pathlib import Path

from .conftest import kg_json


def _find(claims: list[dict], words: str) -> dict:
    found = [c for c in claims if words in c["text"]]
    assert found, f"no claim with {words!r}"
    return found[0]


def _names(claim: dict) -> set[str]:
    return {p["name"] for p in claim["claimants"]}


def _figures(claims: list[dict]) -> list[tuple]:
    return [(f["value"], f["unit"], f["qualifier"]) for c in claims for f in c["figures"]]


def test_about_thirty_claims_with_the_public_fields(seed_claims: list[dict]) -> None:
    assert 25 <= len(seed_claims) <= 45
    required = {"id", "text", "start", "end", "source", "claimants", "kind", "status",
                "status_reason", "figures", "about", "disputes", "supports"}
    for claim in seed_claims:
        assert required <= set(claim), claim["id"]
        assert claim["id"].startswith("https://kg.example.org/id/claim/deepseek-stargate-mwl/")
        assert claim["claimants"] and all(p["name"] and p["type"] for p in claim["claimants"])
        assert claim["status_reason"].strip()
        assert claim["source"]["title"]


def test_offsets_point_at_the_exact_words(seed_claims: list[dict]) -> None:
    root = Path(__file__).resolve().parent.parent
    text = (root / "data" / "articles" / "deepseek-stargate-mwl.txt").read_text(encoding="utf-8")
    for claim in seed_claims:
        assert text[claim["start"]:claim["end"]] == claim["text"]
        for figure in claim["figures"]:
            assert text[figure["start"]:figure["end"]] == figure["text"]


def test_every_speaker_of_the_article_is_a_claimant(seed_claims: list[dict]) -> None:
    speakers = set().union(*(_names(c) for c in seed_claims))
    for name in ("Roy Chua", "Scott Raynovich", "Matt Walker", "Donald Trump"):
        assert name in speakers
    groups = {p["name"].casefold() for c in seed_claims for p in c["claimants"]
              if p["type"] == "group"}
    assert any("certains analystes" in g for g in groups)
    assert any("créateurs de deepseek" in g for g in groups)
    assert {"Oracle", "OpenAI", "SoftBank Group"} <= speakers


def test_direct_quotes_have_the_right_speaker(seed_claims: list[dict]) -> None:
    expected = {
        "Le résultat est impressionnant": "Roy Chua",
        "Ces craintes sont peut-être un peu prématurées": "Scott Raynovich",
        "La Chine a montré qu’elle était capable": "Matt Walker",
        "Je pense que les États-Unis sont toujours en tête": "Roy Chua",
        "Jusqu’à présent, nous sommes un peu en retard": "Roy Chua",
        "Une bonne partie de ces promesses": "Matt Walker",
    }
    for words, speaker in expected.items():
        claim = _find(seed_claims, words)
        assert _names(claim) == {speaker}, (words, claim["claimants"])
        assert claim["kind"] == "direct-quote"
    # A quoted phrase inside reported speech keeps its speaker too.
    assert _names(_find(seed_claims, "signal d’alarme")) == {"Donald Trump"}


def test_figures_are_normalised(seed_claims: list[dict]) -> None:
    figures = _figures(seed_claims)
    assert (5600000, "USD", "about") in figures
    assert any(v == 2700000 and u in ("hour", "hours") for v, u, _ in figures)
    assert any(v == 30800000 and u in ("hour", "hours") for v, u, _ in figures)
    assert any(v == 2000 and u.startswith("processor") for v, u, _ in figures)
    assert (500000000000, "USD", "up-to") in figures
    assert any(v == 1000000000000 and u == "USD" for v, u, _ in figures)
    assert any(v == 17 and u == "percent" and q == "nearly" for v, u, q in figures)
    assert any(v == 3 and u == "percent" for v, u, _ in figures)
    for claim in seed_claims:
        for figure in claim["figures"]:
            assert isinstance(figure["value"], int | float)


def test_the_h800_dispute_and_the_unconfirmed_cue(seed_claims: list[dict], built) -> None:
    h800 = _find(seed_claims, "2 000 processeurs H800")
    assert _names(h800) == {"Roy Chua"}
    rival = _find(seed_claims, "des dizaines de milliers de puces plus performantes")
    rival = next(c for c in seed_claims if "des dizaines de milliers" in c["text"]
                 and any(p["type"] == "group" for p in c["claimants"]))
    assert h800["id"] in rival["disputes"]
    assert rival["status"] == "unverified"
    assert h800["status"] == "contested"
    detail = kg_json("show", h800["id"], store=built["store"])
    assert rival["id"] in detail["disputed_by"]
    assert rival["id"] in detail["status_history"][0]["based_on"]
    rival_detail = kg_json("show", rival["id"], store=built["store"])
    assert rival_detail["status_history"][0]["cue"] == "sans que ce soit confirmé"


def test_article_assertions_are_present(seed_claims: list[dict]) -> None:
    for words in ("le Nasdaq a enregistré un repli de 3 %", "dévissé de près 17 %",
                  "l’app la plus téléchargée", "jusqu’à 500 milliards de dollars"):
        assert any(words in c["text"] for c in seed_claims), words
    nasdaq = _find(seed_claims, "le Nasdaq a enregistré un repli de 3 %")
    assert nasdaq["kind"] == "assertion"


def test_claim_content_is_a_triple_in_its_own_graph(built, seed_claims: list[dict]) -> None:
    h800 = _find(seed_claims, "2 000 processeurs H800")
    detail = kg_json("show", h800["id"], store=built["store"])
    assert detail["statements"], "the H800 claim states a triple"
    rows = kg_json("query", """
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX kg: <https://kg.example.org/def/ns#>
        SELECT ?g ?who WHERE { ?c kg:assertion ?g . ?g prov:wasAttributedTo ?who .
                               GRAPH ?g { ?s ?p ?o } }""", store=built["store"])
    assert rows["results"]["bindings"]
    # The content triple is stated only inside the claim's graph, never in the article graph.
    statement = detail["statements"][0]
    asserted = kg_json("query", f"""
        ASK {{ GRAPH <https://kg.example.org/id/graph/deepseek-stargate-mwl> {{
               <{statement['subject']}> <{statement['predicate']}> ?o }} }}""",
                       store=built["store"])
    assert asserted["boolean"] is False


def test_entities_have_roles_and_aliases(built) -> None:
    entities = kg_json("entities", store=built["store"])
    by_name = {e["name"]: e for e in entities}
    chua = by_name["Roy Chua"]
    assert chua["type"] == "person"
    assert any("AvidThink" in (r["organization"] or "") for r in chua["roles"])
    assert {"id", "name", "type", "aliases", "roles"} <= set(chua)
    assert by_name["Nvidia"]["wikidata"] == "Q182477"
