"""Safe HTML: text from the data is always escaped; only markup built here is trusted.

``tag()`` escapes every string child and every attribute value; a ``Markup`` (what ``tag()``
returns) passes through. Links go only to http(s) IRIs or to paths on this server, so a
``javascript:`` IRI in the data is shown as text, never followed. Usage::

    from kg.server.html import tag, link
    tag("p", "Quote: ", tag("q", claim_text))      # claim_text is escaped
    link("Roy Chua", "/id/entity/roy-chua")
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit


class Markup(str):
    """HTML that was built by this module (never text from the data)."""

    __slots__ = ()


def escape(value: Any) -> Markup:
    """Text as HTML: ``<`` ``>`` ``&`` and both quotes escaped."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def _children(children: Iterable[Any]) -> str:
    out = []
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, (list, tuple)):
            out.append(_children(child))
        else:
            out.append(escape(child))
    return "".join(out)


_VOID = {"meta", "link", "br", "hr", "img", "input"}


def tag(name: str, /, *children: Any, **attrs: Any) -> Markup:
    """``<name attrs>children</name>``; ``class_="x"`` gives ``class="x"``; None drops it."""
    parts = [name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{escape(value)}"')
    opening = "<" + " ".join(parts) + ">"
    if name in _VOID:
        return Markup(opening)
    return Markup(f"{opening}{_children(children)}</{name}>")


def safe_href(url: str) -> bool:
    """True for http(s) URLs and for paths on this server (``/...``, not ``//host``)."""
    if url.startswith("/") and not url.startswith("//"):
        return True
    return urlsplit(url).scheme in ("http", "https")


def link(text: Any, url: str | None, **attrs: Any) -> Markup:
    """A link to ``url``, or just the escaped text when the URL is not a safe target."""
    if url and safe_href(url):
        return tag("a", text, href=url, **attrs)
    return escape(text)


def document(title: str, *body: Any, stylesheet: str = "/static/kg.css",
             scripts: Iterable[str] = (), styles: Iterable[str] = ()) -> bytes:
    """A whole HTML page (UTF-8 bytes) with the title escaped."""
    head = [tag("meta", charset="utf-8"),
            tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
            tag("title", title),
            tag("link", rel="icon", href="data:,"),
            *(tag("link", rel="stylesheet", href=href) for href in styles),
            tag("link", rel="stylesheet", href=stylesheet)]
    tail = [tag("script", src=src) for src in scripts]
    page = Markup("<!doctype html>\n") + tag(
        "html", tag("head", head), tag("body", *body, *tail), lang="en")
    return page.encode("utf-8")
