"""The central service's HTTP application."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import FastAPI
from pydantic import BaseModel


class Health(BaseModel):
    status: str
    server_time: datetime
    version: str


def create_app(version: str = "0.1.0") -> FastAPI:
    app = FastAPI(title="Central stock service", version=version)

    @app.get("/health")
    def health() -> Health:
        return Health(status="ok", server_time=datetime.now(UTC), version=version)

    return app
