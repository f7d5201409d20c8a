"""Who may write: the bearer of the token ``kg serve`` was started with.

Without a token, SPARQL Update and the Graph Store Protocol are disabled (403). With one, a
request must carry ``Authorization: Bearer TOKEN`` — or HTTP Basic with any user name and the
token as password, for clients that only speak Basic (rdflib, SPARQLWrapper) — else 401.
Usage::

    from kg.server.auth import require_writer
    require_writer(request.headers.get("authorization"), config.token)  # raises FrontError
"""

from __future__ import annotations

import base64
import binascii
import hmac

from kg.server.errors import FrontError

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="kg", Basic realm="kg"'}


def presented_secret(authorization: str | None) -> str | None:
    """The secret in an Authorization header (bearer token or Basic password), if any."""
    if not authorization:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    scheme, value = scheme.lower(), value.strip()
    if scheme == "bearer":
        return value or None
    if scheme == "basic":
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2] or None
    return None


def require_writer(authorization: str | None, token: str | None) -> None:
    """Return if the request may write; raise FrontError 403 (writes off) or 401 (no secret)."""
    if not token:
        raise FrontError(403, "writes are disabled on this server: start kg serve with "
                              "--token (or KG_TOKEN) to enable SPARQL Update and the Graph "
                              "Store Protocol")
    secret = presented_secret(authorization)
    if secret is None:
        raise FrontError(401, "writing needs the server's token: send "
                              "'Authorization: Bearer TOKEN'", CHALLENGE)
    if not hmac.compare_digest(secret.encode("utf-8"), token.encode("utf-8")):
        raise FrontError(401, "the token is not this server's token", CHALLENGE)
