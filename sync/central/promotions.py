"""Promotions, defined once here for every channel: the tills get them through the change feed
(entity `promotion`), the web shop reads them (GET /v1/webshop/promotions). Writes take the
feed's lock like every catalogue write (catalogue.py) and publish in the same transaction.
The rules a promotion keeps are sync.promotion_rules; the order they apply in is
pos_client.domain.promotions (docs/COUPONS.md)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from sync.central.catalogue import CatalogueError, NotFoundError, product_by_sku
from sync.central.database import upsert
from sync.central.feed import deleted, lock, publish, upserted
from sync.central.models import Category, Promotion, table
from sync.coupons.terms import Scope
from sync.promotion_rules import promotion_problem
from sync.protocol import Entity, PromotionData, PromotionKind


def promotion_data(row: Promotion) -> PromotionData:
    return PromotionData(
        code=row.code,
        name=row.name,
        kind=PromotionKind(row.kind),
        scope=Scope(row.scope),
        target=row.target,
        percent=row.percent,
        amount=row.amount,
        buy=row.buy,
        get=row.get,
        min_basket=row.min_basket,
        priority=row.priority,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
    )


def _check(session: Session, data: PromotionData) -> None:
    problem = promotion_problem(
        data.kind,
        data.scope,
        data.target,
        data.percent,
        data.amount,
        data.buy,
        data.get,
        data.min_basket,
    )
    if problem is not None:
        raise CatalogueError(problem)
    if data.valid_to is not None and data.valid_to <= data.valid_from:
        raise CatalogueError(f"a promotion ends ({data.valid_to}) before it starts")
    if data.scope is Scope.SKU and data.target is not None:
        product_by_sku(session, data.target)
    if data.scope is Scope.CATEGORY:
        found = session.execute(select(Category.id).where(Category.name == data.target)).scalar()
        if found is None:
            raise NotFoundError(f"there is no category {data.target!r}")


def put_promotion(session: Session, data: PromotionData, now: datetime) -> PromotionData:
    """Create or replace the promotion `data.code` and publish it. CatalogueError when it
    breaks the rules; NotFoundError for an unknown SKU or category."""
    lock(session)
    _check(session, data)
    values = data.model_dump(exclude={"code"})
    values["kind"] = data.kind.value
    values["scope"] = data.scope.value
    values["updated_at"] = now
    session.execute(
        upsert(session, table(Promotion), ("code",), tuple(values)),
        [{"id": uuid.uuid4(), "code": data.code, **values}],
    )
    publish(session, [upserted(Entity.PROMOTION, data.code, data.model_dump(mode="json"))])
    return data


def delete_promotion(session: Session, code: str) -> None:
    """Remove the promotion (the tills drop it: a tombstone in the feed)."""
    lock(session)
    removed = session.execute(
        delete(Promotion).where(Promotion.code == code).returning(Promotion.id)
    ).first()
    if removed is None:
        raise NotFoundError(f"there is no promotion {code!r}")
    publish(session, [deleted(Entity.PROMOTION, code)])


def promotions(session: Session, now: datetime | None = None) -> list[PromotionData]:
    """Every promotion by code; with `now`, only those not ended by then (running or to
    come)."""
    query = select(Promotion).order_by(Promotion.code)
    if now is not None:
        query = query.where(or_(Promotion.valid_to.is_(None), Promotion.valid_to > now))
    return [promotion_data(row) for row in session.execute(query).scalars()]
