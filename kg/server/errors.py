"""The error kg's front answers with instead of passing a request on.

Usage::

    raise FrontError(413, "the request is larger than 4194304 bytes, this server's limit")
"""

from __future__ import annotations


class FrontError(Exception):
    """An HTTP status, a one-line message for people, and extra headers if any."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
