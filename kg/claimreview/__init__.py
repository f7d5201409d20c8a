"""schema.org ClaimReview: export kg's reviews for the web, import any fact-checker's.

``kg export --format claimreview`` writes one ClaimReview per standing review, JSON-LD with
``"@context": "https://schema.org"`` that a page can embed as it is; ``kg import FILE`` reads
ClaimReview JSON-LD (an object, a list, a ``@graph`` or an HTML page's ld+json blocks) into
claims, claimants and reviews. kg never fetches the schema.org context: it reads with the
minimal copy in ``schema-org.jsonld``. See docs/CLAIMREVIEW.md. Usage::

    from kg.claimreview import export_claimreview, import_claimreviews
    with open_store() as store:
        text = export_claimreview(store)
        summary = import_claimreviews(store, ["factcheck.html"])
"""

from __future__ import annotations

from kg.claimreview.export import claimreview_document, export_claimreview, standing_reviews
from kg.claimreview.importer import ImportSummary, import_claimreviews, source_article_id
from kg.claimreview.ratings import KEYWORD_RULES, Rating, normalize_rating
from kg.claimreview.reader import ClaimReviewRecord, load_graph, read_claimreviews

__all__ = [
    "KEYWORD_RULES",
    "ClaimReviewRecord",
    "ImportSummary",
    "Rating",
    "claimreview_document",
    "export_claimreview",
    "import_claimreviews",
    "load_graph",
    "normalize_rating",
    "read_claimreviews",
    "source_article_id",
    "standing_reviews",
]
