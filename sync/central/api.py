"""The central service's HTTP application (FastAPI); the endpoints are described in docs/API.md.

Everything but /health needs `Authorization: Bearer <token>`, /openapi.json included: a till's
token for pushing, a till's or an admin's for reading, an admin's for /v1/admin, a web shop's
for /v1/webshop (promotions and coupons: coupon_routes.py, webshop.py). Missing,
unknown or revoked tokens get 401, a token of the wrong kind 403. Request bodies over
protocol.MAX_REQUEST_BYTES get 413 before they are read. A write that keeps meeting concurrent
writers, or a failing database, gets 503 with Retry-After: nothing was stored and the till
sends the same rows again.
The app holds no state but the engine: run as many servers as the database bears.
"""

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from sync.central.admin import admin_router
from sync.central.auth import AdminCaller, TillCaller, find_caller
from sync.central.body_limit import BodySizeLimit
from sync.central.catalogue import SKU_PATTERN, CatalogueError, NotFoundError
from sync.central.coupon_events import register_coupon_events
from sync.central.coupon_routes import coupon_admin_router, coupon_till_router
from sync.central.database import DatabaseBusyError, read_session, write_transaction
from sync.central.events import HANDLERS
from sync.central.feed import CURSOR_PATTERN, Cursor, CursorGoneError, read_page
from sync.central.push import ingest
from sync.central.stock import stock_answer
from sync.central.webshop import webshop_router
from sync.protocol import (
    API_PREFIX,
    MAX_CHANGES_PAGE,
    MAX_REQUEST_BYTES,
    ChangesPage,
    ErrorBody,
    Health,
    PushRequest,
    PushResponse,
    StockAnswer,
)

log = logging.getLogger(__name__)

VERSION = "0.1.0"
RETRY_AFTER_SECONDS = 2

Caller = TillCaller | AdminCaller

_bearer = HTTPBearer(auto_error=False, description="a till's or an admin's token")


def _error(status: int, description: str) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody, "description": description}}


AUTH_ERRORS = {
    **_error(401, "no token, or an unknown or revoked one"),
    **_error(403, "the token does not allow this"),
}
BUSY = _error(503, "too many concurrent writes: retry after Retry-After seconds")
TOO_LARGE = _error(413, f"the body is larger than {MAX_REQUEST_BYTES} bytes")
BAD_BODY = _error(400, "the body cannot be read as JSON")


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})


def caller_dependency(engine: Engine) -> Callable[..., Caller]:
    def caller(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Caller:
        if credentials is None:
            raise _unauthorized("a bearer token is required")
        with read_session(engine) as session:
            found = find_caller(session, credentials.credentials)
        if found is None:
            raise _unauthorized("the token is unknown or revoked")
        return found

    return caller


def create_app(engine: Engine, version: str = VERSION) -> FastAPI:
    """The app on a migrated database (see migrate.upgrade)."""
    app = FastAPI(
        title="Central stock service",
        version=version,
        description="Push of till events, the catalogue change feed, stock in every store.",
        # Only /health answers without a token: the schema is served below behind one, and
        # the browsable docs (which would fetch it without a token) are off.
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(BodySizeLimit, max_bytes=MAX_REQUEST_BYTES)
    caller = caller_dependency(engine)
    register_coupon_events(HANDLERS)

    def till(found: Annotated[Caller, Depends(caller)]) -> TillCaller:
        if not isinstance(found, TillCaller):
            raise HTTPException(403, "only a till's token may push")
        return found

    @app.exception_handler(DatabaseBusyError)
    def busy(_request: Request, error: DatabaseBusyError) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error)},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.exception_handler(DBAPIError)
    def database_failed(_request: Request, error: DBAPIError) -> JSONResponse:
        # Nothing was committed (the transaction is rolled back): the till sends it again.
        log.error("database error, answered 503: %s", error.orig, exc_info=error)
        return JSONResponse(
            {"detail": "the database failed; nothing was stored, try again"},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.exception_handler(NotFoundError)
    def not_found(_request: Request, error: NotFoundError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=404)

    @app.exception_handler(CatalogueError)
    def refused(_request: Request, error: CatalogueError) -> JSONResponse:
        # Well-formed but against the catalogue's rules or state (overlapping prices, ...).
        return JSONResponse({"detail": str(error)}, status_code=409)

    @app.get("/health", tags=["service"])
    def health() -> Health:
        """The service is up (no token needed); `server_time` lets a till check its clock."""
        return Health(status="ok", server_time=datetime.now(UTC), version=version)

    @app.post(
        f"{API_PREFIX}/push",
        tags=["till"],
        responses={**AUTH_ERRORS, **BAD_BODY, **TOO_LARGE, **BUSY},
    )
    def push(request: PushRequest, caller: Annotated[TillCaller, Depends(till)]) -> PushResponse:
        """Take in outbox rows; one answer per item, in order, sent after the commit."""
        results = write_transaction(
            engine, lambda session: ingest(session, caller, request, datetime.now(UTC))
        )
        return PushResponse(results=results, server_time=datetime.now(UTC))

    @app.get(
        f"{API_PREFIX}/changes",
        tags=["till"],
        response_model=ChangesPage,
        responses={**AUTH_ERRORS, **_error(410, "the cursor is too old: resync from cursor 0")},
    )
    def changes(
        _caller: Annotated[Caller, Depends(caller)],
        after: Annotated[
            str, Query(pattern=CURSOR_PATTERN, description="next_cursor of the last page")
        ] = "0",
        limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_PAGE)] = MAX_CHANGES_PAGE,
    ) -> Response:
        """The changes after the cursor, in the central order (`seq`)."""
        now = datetime.now(UTC)
        try:
            with read_session(engine) as session:
                page = read_page(session, Cursor.parse(after), limit, now)
        except CursorGoneError as error:
            raise HTTPException(410, str(error)) from error
        return Response(page.body, media_type="application/json")

    @app.get(
        f"{API_PREFIX}/stock/{{sku}}",
        tags=["till"],
        responses={**AUTH_ERRORS, **_error(404, "no product has this SKU")},
    )
    def stock(
        _caller: Annotated[Caller, Depends(caller)],
        sku: Annotated[str, Path(pattern=SKU_PATTERN)],
    ) -> StockAnswer:
        """One product's stock in every store, by store code."""
        with read_session(engine) as session:
            answer = stock_answer(session, sku, datetime.now(UTC))
        if answer is None:
            raise HTTPException(404, f"there is no product {sku!r}")
        return answer

    app.include_router(admin_router(engine, caller), prefix=f"{API_PREFIX}/admin")
    app.include_router(coupon_admin_router(engine, caller), prefix=f"{API_PREFIX}/admin")
    app.include_router(coupon_till_router(engine, caller), prefix=API_PREFIX)
    app.include_router(webshop_router(engine), prefix=f"{API_PREFIX}/webshop")

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(_caller: Annotated[Caller, Depends(caller)]) -> JSONResponse:
        """This API's OpenAPI schema (a till's or an admin's token)."""
        return JSONResponse(app.openapi())

    return app
