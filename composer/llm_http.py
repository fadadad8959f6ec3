"""The HTTP client composer talks to a model through, with the guards a hostile or broken
server needs: a cap on what is read, no redirect to another origin, nothing sent once a call
was abandoned at its deadline.

Imported only when a model is called (it imports httpx2, the SDK's HTTP library).
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator
from typing import Any

import httpx2

# A draft is a few KB and an error body smaller still; 1 MiB is far more than any real answer
# and small enough that a hostile one (a gzip bomb, an endless body) costs nothing.
MAX_RESPONSE_BYTES = 1 << 20
_CHUNK = 64 * 1024


class ResponseTooLarge(Exception):
    """The server sent more than MAX_RESPONSE_BYTES (after decompression)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the response was over {limit:,} bytes")
        self.limit = limit


class UnreadableEncoding(Exception):
    """The server compressed its answer in a way composer did not ask for."""

    def __init__(self, encoding: str) -> None:
        super().__init__(f"unsupported content-encoding {encoding!r}")
        self.encoding = encoding


class CrossOriginRedirect(Exception):
    """The endpoint redirected the request to another scheme, host or port."""

    def __init__(self, status: int, target: str) -> None:
        super().__init__(f"HTTP {status} redirect to {target}")
        self.status = status
        self.target = target


class Abandoned(Exception):
    """The call was given up at the end of its time budget: send nothing more."""


def origin(url: httpx2.URL) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the default port filled in, as browsers compare origins."""
    port = url.port or {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host, port


def show_origin(url: httpx2.URL) -> str:
    """scheme://host[:port] of a URL, without credentials, path or query: safe to print."""
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{url.scheme}://{host}" + (f":{url.port}" if url.port else "")


class _Capped(httpx2.SyncByteStream):
    """The response body, decompressed here (gzip, deflate) with a ceiling on its size."""

    def __init__(self, raw: httpx2.SyncByteStream, encoding: str, limit: int) -> None:
        self._raw = raw
        self._limit = limit
        self._inflate: Any = None
        if encoding in ("gzip", "x-gzip"):
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif encoding == "deflate":
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS | 32)  # zlib or gzip header

    def __iter__(self) -> Iterator[bytes]:
        seen = 0
        for chunk in self._raw:
            for piece in self._pieces(chunk):
                seen += len(piece)
                if seen > self._limit:
                    raise ResponseTooLarge(self._limit)
                yield piece

    def _pieces(self, chunk: bytes) -> Iterator[bytes]:
        if self._inflate is None:
            yield chunk
            return
        data = chunk
        # max_length bounds each step, so a bomb never expands in memory all at once.
        while data:
            try:
                piece = self._inflate.decompress(data, _CHUNK)
            except zlib.error:
                raise UnreadableEncoding("corrupt compressed data") from None
            data = self._inflate.unconsumed_tail
            if piece:
                yield piece
            if self._inflate.eof:
                return

    def close(self) -> None:
        self._raw.close()


def _cap_body(response: httpx2.Response) -> None:
    """Response hook: read the body through `_Capped` (httpx then sees it uncompressed)."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        raise UnreadableEncoding(encoding)
    if encoding not in ("", "identity"):
        del response.headers["content-encoding"]
    response.stream = _Capped(response.stream, encoding, MAX_RESPONSE_BYTES)  # type: ignore[arg-type]


def _note_status(response: httpx2.Response) -> None:
    """Response hook: remember the last HTTP status this thread saw, so a call cut off at the
    budget can say what the server was doing (rate limiting, failing) meanwhile."""
    threading.current_thread().last_status = response.status_code  # type: ignore[attr-defined]


def _same_origin_redirects_only(response: httpx2.Response) -> None:
    """Response hook: a redirect to another origin would post the prompt (with the notes) to a
    server the user never configured; stop instead of following it."""
    if not response.has_redirect_location:
        return
    target = response.request.url.join(response.headers["location"])
    if origin(target) != origin(response.request.url):
        raise CrossOriginRedirect(response.status_code, show_origin(target))


def _refuse_abandoned(request: httpx2.Request) -> None:
    """Request hook: a call given up at its deadline sends nothing more."""
    if getattr(threading.current_thread(), "abandoned", False):
        raise Abandoned()


def guarded_client() -> httpx2.Client:
    """The SDK's default HTTP client with composer's guards as event hooks."""
    import openai

    return openai.DefaultHttpxClient(
        # Answers are small: asking for them uncompressed leaves nothing to expand. A server
        # that compresses anyway is decompressed under the same cap.
        headers={"accept-encoding": "identity"},
        event_hooks={
            "request": [_refuse_abandoned],
            "response": [_note_status, _same_origin_redirects_only, _cap_body],
        },
    )
