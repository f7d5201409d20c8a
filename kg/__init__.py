"""kg: a knowledge graph of claims and sources for fact-checkers.

Usage::

    from kg.store import open_store
    from kg.listing import list_claims
    with open_store(".kg-store") as store:
        print(list_claims(store, by="Roy Chua"))
"""

__version__ = "0.1.0"
