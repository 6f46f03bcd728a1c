"""The till's HTTP client of the central service (sync.protocol on the wire).

Every failure becomes a `SyncError` subclass that says what the caller should do: wait and
retry (`OfflineError`, `TimedOutError`, `BusyError`, `ServerFailedError`, `BadAnswerError`),
enrol the till again (`TokenRefusedError`), fix the till's store (`ForbiddenError`), start the
change feed over (`FeedGoneError`), or send less at once (`TooLargeError`,
`RequestRefusedError`). Nothing the server sends, however broken, raises anything else. The
bearer token is never logged nor shown in a repr.
"""

from __future__ import annotations

import json
import logging
import ssl
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from sync.backoff import parse_retry_after
from sync.protocol import (
    API_PREFIX,
    MAX_CHANGES_PAGE,
    MAX_REQUEST_BYTES,
    ChangesPage,
    Health,
    OutboxItem,
    PushRequest,
    PushResponse,
    StockAnswer,
)

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0, pool=10.0)
STOCK_TIMEOUT = httpx.Timeout(3.0, connect=2.0, pool=2.0)
"""A member of staff is waiting for a stock answer: fall back to the cache quickly."""
MAX_ANSWER_BYTES = 64 * 1024 * 1024
"""A full page of 5,000 products is a few megabytes; anything near this is not an answer."""
_DETAIL_CHARS = 300

_Model = TypeVar("_Model", bound=BaseModel)


class SyncError(Exception):
    """An exchange with the central service failed. `retry_after` is the server's Retry-After
    in seconds when it sent one."""

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class OfflineError(SyncError):
    """No connection (network down, refused, reset, TLS failure): the till is offline."""


class TimedOutError(SyncError):
    """No answer in time. A push may still have been committed: sending it again is safe."""


class TokenRefusedError(SyncError):
    """401: the till's token is unknown or revoked; the manager must enrol the till again."""


class ForbiddenError(SyncError):
    """403: the token does not allow this (e.g. writing for another store than the till's)."""


class NotFoundError(SyncError):
    """404: no such thing (e.g. a product the central service does not know)."""


class FeedGoneError(SyncError):
    """410: the cursor is older than the change feed keeps; resync from the start."""


class TooLargeError(SyncError):
    """413 (or a request the till would not even send): send fewer items at once."""


class RequestRefusedError(SyncError):
    """Another 4xx: the server refused the request as it is; sending it again won't help."""


class BusyError(SyncError):
    """429 or 503: the server asks the till to come back later (see `retry_after`)."""


class ServerFailedError(SyncError):
    """Another 5xx: the server failed; try again later."""


class BadAnswerError(SyncError):
    """The answer is not what the protocol says (not JSON, wrong shape, unexpected status)."""


def _detail(response: httpx.Response, body: bytes) -> str:
    try:
        decoded = json.loads(body)
    except ValueError:
        text = body.decode("utf-8", "replace")
    else:
        detail = decoded.get("detail", decoded) if isinstance(decoded, dict) else decoded
        text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)
    text = " ".join(text.split())
    if len(text) > _DETAIL_CHARS:
        text = text[:_DETAIL_CHARS] + "…"
    return text or response.reason_phrase


_BY_STATUS: dict[int, type[SyncError]] = {
    401: TokenRefusedError,
    403: ForbiddenError,
    404: NotFoundError,
    410: FeedGoneError,
    413: TooLargeError,
    429: BusyError,
    503: BusyError,
}


def _status_error(response: httpx.Response, body: bytes, now: datetime) -> SyncError:
    status = response.status_code
    retry_after = parse_retry_after(response.headers.get("retry-after"), now)
    detail = _detail(response, body)
    kind = _BY_STATUS.get(status)
    if kind is None:
        if 500 <= status <= 599:
            kind = ServerFailedError
        elif 400 <= status <= 499:
            kind = RequestRefusedError
        else:
            kind = BadAnswerError
    message = f"{response.request.method} {response.request.url.path}: {status} {detail}"
    return kind(message, status=status, retry_after=retry_after)


class CentralClient:
    """Requests to one central service with one till's token. Thread-safe (httpx.Client is):
    the sync worker and a stock lookup may use it at the same time."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        verify: ssl.SSLContext | str | bool = True,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._token = token
        self._max_answer_bytes = max_answer_bytes
        self._now = now
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            transport=transport,
            timeout=timeout,
            verify=verify,
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"CentralClient({str(self._http.base_url)!r})"

    @property
    def base_url(self) -> str:
        return str(self._http.base_url)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- the endpoints -------------------------------------------------------------------

    def health(self) -> Health:
        """GET /health (no token): is the service up, and its clock."""
        return self._call("GET", "/health", Health, authorized=False)

    def push(self, items: Sequence[OutboxItem], till_clock: datetime) -> PushResponse:
        """POST /v1/push. The answer comes only after the central commit; a lost answer
        (TimedOutError, OfflineError) means "unknown": send the same items again."""
        body = PushRequest(till_clock=till_clock, items=list(items)).model_dump_json().encode()
        if len(body) > MAX_REQUEST_BYTES:
            raise TooLargeError(
                f"{len(items)} outbox items make {len(body)} bytes, over the limit of "
                f"{MAX_REQUEST_BYTES}"
            )
        return self._call(
            "POST",
            f"{API_PREFIX}/push",
            PushResponse,
            content=body,
            headers={"content-type": "application/json"},
        )

    def changes(self, after: str, limit: int = MAX_CHANGES_PAGE) -> ChangesPage:
        """GET /v1/changes: the changes after the cursor `after` (FeedGoneError: start over)."""
        return self._call(
            "GET", f"{API_PREFIX}/changes", ChangesPage, params={"after": after, "limit": limit}
        )

    def stock(self, sku: str, timeout: httpx.Timeout = STOCK_TIMEOUT) -> StockAnswer:
        """GET /v1/stock/{sku}: one product in every store (NotFoundError for an unknown SKU)."""
        path = f"{API_PREFIX}/stock/{quote(sku, safe='')}"
        return self._call("GET", path, StockAnswer, timeout=timeout)

    # --- one exchange --------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        model: type[_Model],
        *,
        authorized: bool = True,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str | int] | None = None,
        timeout: httpx.Timeout | None = None,
    ) -> _Model:
        all_headers = {"accept": "application/json", **(headers or {})}
        if authorized:
            all_headers["authorization"] = f"Bearer {self._token}"
        request = self._http.build_request(
            method,
            path,
            content=content,
            headers=all_headers,
            params=params,
            timeout=timeout if timeout is not None else self._http.timeout,
        )
        where = f"{method} {path}"
        try:
            response = self._http.send(request, stream=True)
            try:
                body = self._read(response, where)
            finally:
                response.close()
        except httpx.TimeoutException as error:
            raise TimedOutError(f"{where}: no answer in time ({type(error).__name__})") from error
        except httpx.DecodingError as error:
            raise BadAnswerError(f"{where}: the answer cannot be decoded: {error}") from error
        except httpx.TooManyRedirects as error:
            raise BadAnswerError(f"{where}: redirected in a loop") from error
        except httpx.RequestError as error:
            raise OfflineError(f"{where}: {type(error).__name__}: {error}") from error
        log.debug("%s -> %s (%d bytes)", where, response.status_code, len(body))
        if response.status_code != 200:
            raise _status_error(response, body, self._now())
        try:
            return model.model_validate_json(body)
        except ValidationError as error:
            first = error.errors()[0]
            location = ".".join(str(part) for part in first["loc"]) or "the body"
            raise BadAnswerError(
                f"{where}: the answer is not a valid {model.__name__} ({location}: {first['msg']})",
                status=200,
            ) from error

    def _read(self, response: httpx.Response, where: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self._max_answer_bytes:
                raise BadAnswerError(f"{where}: the answer is over {self._max_answer_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
