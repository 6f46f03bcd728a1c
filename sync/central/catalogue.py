"""Catalogue writes: stores, VAT rates, categories, products (barcodes, prices) and users.

Each function works in the caller's write transaction, first takes the feed's lock (so
catalogue writes run one after another, and a read-modify-write such as a price change never
races another), and publishes the entities it changed to the change feed in that same
transaction (feed.py), so a till sees a change exactly when it is committed. A change that
names what does not exist raises NotFoundError; one against the rules, CatalogueError.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.central.database import upsert
from sync.central.feed import deleted, lock, publish, upserted
from sync.central.models import (
    Barcode,
    Category,
    Price,
    Product,
    Store,
    User,
    UserStore,
    VatRate,
    table,
)
from sync.protocol import (
    CategoryData,
    Entity,
    PriceData,
    ProductData,
    StoreData,
    UserData,
    VatRateData,
)

_IN_CHUNK = 1000
SKU_PATTERN = r"^[^\x00-\x1f\x7f]{1,64}$"
"""A SKU as the API accepts it: 1 to 64 characters, no control characters."""


class CatalogueError(ValueError):
    """The change breaks a rule; nothing is written. The message says which."""


class NotFoundError(CatalogueError):
    """The change names a store, product or user that does not exist."""


@dataclass(frozen=True, slots=True)
class ProductSpec:
    """A product as an admin defines it (the id is the service's)."""

    sku: str
    name: str
    category: str | None
    vat_class: str
    unit: Literal["piece", "kg"]
    active: bool
    barcodes: Sequence[str]
    prices: Sequence[PriceData]


@dataclass(frozen=True, slots=True)
class UserSpec:
    login: str
    display_name: str
    role: Literal["cashier", "manager"]
    pin_hash: str
    pin_salt: str
    active: bool
    store_codes: Sequence[str]


def _chunks(ids: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(ids), _IN_CHUNK):
        yield ids[start : start + _IN_CHUNK]


def store_by_code(session: Session, code: str) -> Store:
    store = session.execute(select(Store).where(Store.code == code)).scalar_one_or_none()
    if store is None:
        raise NotFoundError(f"there is no store {code!r}")
    return store


def product_by_sku(session: Session, sku: str) -> Product:
    product = session.execute(select(Product).where(Product.sku == sku)).scalar_one_or_none()
    if product is None or product.placeholder:
        raise NotFoundError(f"there is no product {sku!r}")
    return product


def put_store(session: Session, data: StoreData) -> uuid.UUID:
    lock(session)
    session.execute(
        upsert(session, table(Store), ("code",), ("name", "address", "tax_id", "opening_hours")),
        [{"id": uuid.uuid4(), **data.model_dump()}],
    )
    publish(session, [upserted(Entity.STORE, data.code, data.model_dump(mode="json"))])
    return store_by_code(session, data.code).id


def put_vat_rate(session: Session, data: VatRateData) -> None:
    lock(session)
    session.execute(
        upsert(session, table(VatRate), ("vat_class",), ("rate_basis_points",)),
        [{"id": uuid.uuid4(), **data.model_dump()}],
    )
    publish(session, [upserted(Entity.VAT_RATE, data.vat_class, data.model_dump(mode="json"))])


def put_category(session: Session, name: str) -> uuid.UUID:
    """The category's id, made (and published) when it is new."""
    lock(session)
    found = session.execute(select(Category.id).where(Category.name == name)).scalar()
    if found is not None:
        return found
    category_id = uuid.uuid4()
    session.add(Category(id=category_id, name=name))
    session.flush()
    publish(session, [upserted(Entity.CATEGORY, name, CategoryData(name=name).model_dump())])
    return category_id


def product_data(session: Session, product_ids: Collection[uuid.UUID]) -> list[ProductData]:
    """The published state of each product: its barcodes and all its prices."""
    ids = list(product_ids)
    barcodes: dict[uuid.UUID, list[str]] = {product_id: [] for product_id in ids}
    prices: dict[uuid.UUID, list[PriceData]] = {product_id: [] for product_id in ids}
    found: list[ProductData] = []
    for chunk in _chunks(ids):
        for product_id, code in session.execute(
            select(Barcode.product_id, Barcode.code)
            .where(Barcode.product_id.in_(chunk))
            .order_by(Barcode.code)
        ):
            barcodes[product_id].append(code)
        for product_id, gross, valid_from, valid_to in session.execute(
            select(Price.product_id, Price.gross, Price.valid_from, Price.valid_to)
            .where(Price.product_id.in_(chunk))
            .order_by(Price.valid_from)
        ):
            prices[product_id].append(
                PriceData(
                    gross=gross,
                    valid_from=valid_from.isoformat(),
                    valid_to=None if valid_to is None else valid_to.isoformat(),
                )
            )
        rows = session.execute(
            select(Product, Category.name)
            .outerjoin(Category, Category.id == Product.category_id)
            .where(Product.id.in_(chunk))
        )
        for product, category in rows:
            found.append(
                ProductData(
                    id=product.id,
                    sku=product.sku,
                    name=product.name,
                    category=category,
                    vat_class=product.vat_class,
                    unit="kg" if product.unit == "kg" else "piece",
                    active=product.active,
                    barcodes=barcodes[product.id],
                    prices=prices[product.id],
                )
            )
    return found


def publish_products(session: Session, product_ids: Collection[uuid.UUID]) -> None:
    publish(
        session,
        [
            upserted(Entity.PRODUCT, data.sku, data.model_dump(mode="json"))
            for data in product_data(session, product_ids)
        ],
    )


def _check_prices(prices: Sequence[PriceData]) -> list[tuple[int, date, date | None]]:
    parsed: list[tuple[int, date, date | None]] = []
    for price in prices:
        try:
            valid_from = date.fromisoformat(price.valid_from)
            valid_to = None if price.valid_to is None else date.fromisoformat(price.valid_to)
        except ValueError as error:
            raise CatalogueError(f"a price's dates are not YYYY-MM-DD: {error}") from error
        if price.gross < 0:
            raise CatalogueError("a price cannot be negative")
        if valid_to is not None and valid_to <= valid_from:
            raise CatalogueError(f"a price ends ({valid_to}) before it starts ({valid_from})")
        parsed.append((price.gross, valid_from, valid_to))
    parsed.sort(key=lambda price: price[1])
    for (_gross, _start, end), (_next_gross, next_start, _next_end) in itertools.pairwise(parsed):
        if end is None or end > next_start:
            raise CatalogueError(f"two prices of one product overlap on {next_start}")
    return parsed


def _check_vat_class(session: Session, vat_class: str) -> None:
    if session.execute(select(VatRate.id).where(VatRate.vat_class == vat_class)).scalar() is None:
        raise CatalogueError(f"there is no VAT class {vat_class!r}")


def put_product(session: Session, spec: ProductSpec) -> ProductData:
    """Create or replace the product with `spec.sku`: its fields, barcodes and prices.

    A barcode another product had moves to this one (both are published). A placeholder made
    for an unknown SKU a till sold becomes the real product, keeping its stock history."""
    lock(session)
    _check_vat_class(session, spec.vat_class)
    prices = _check_prices(spec.prices)
    if len(set(spec.barcodes)) != len(spec.barcodes):
        raise CatalogueError("a barcode is listed twice")
    category_id = None if spec.category is None else put_category(session, spec.category)
    values = {
        "name": spec.name,
        "category_id": category_id,
        "vat_class": spec.vat_class,
        "unit": spec.unit,
        "active": spec.active,
        "placeholder": False,
    }
    session.execute(
        upsert(session, table(Product), ("sku",), tuple(values)),
        [{"id": uuid.uuid4(), "sku": spec.sku, **values}],
    )
    product_id = session.execute(select(Product.id).where(Product.sku == spec.sku)).scalar_one()
    affected = {product_id}
    if spec.barcodes:
        affected.update(
            session.execute(
                select(Barcode.product_id).where(Barcode.code.in_(list(spec.barcodes)))
            ).scalars()
        )
        session.execute(delete(Barcode).where(Barcode.code.in_(list(spec.barcodes))))
    session.execute(delete(Barcode).where(Barcode.product_id == product_id))
    session.execute(delete(Price).where(Price.product_id == product_id))
    if spec.barcodes:
        session.execute(
            table(Barcode).insert(),
            [
                {"id": uuid.uuid4(), "code": code, "product_id": product_id}
                for code in spec.barcodes
            ],
        )
    if prices:
        session.execute(
            table(Price).insert(),
            [
                {
                    "id": uuid.uuid4(),
                    "product_id": product_id,
                    "gross": gross,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                }
                for gross, valid_from, valid_to in prices
            ],
        )
    publish_products(session, affected)
    (data,) = product_data(session, [product_id])
    return data


def set_price(
    session: Session, sku: str, gross: int, valid_from: date, valid_to: date | None = None
) -> ProductData:
    """From `valid_from` (until `valid_to`, or for good) the product costs `gross`; the prices
    it had for those days are cut short, moved or dropped."""
    lock(session)
    if gross < 0:
        raise CatalogueError("a price cannot be negative")
    if valid_to is not None and valid_to <= valid_from:
        raise CatalogueError(f"a price ends ({valid_to}) before it starts ({valid_from})")
    product = product_by_sku(session, sku)
    kept: list[tuple[int, date, date | None]] = []
    for price in session.execute(select(Price).where(Price.product_id == product.id)).scalars():
        start, end = price.valid_from, price.valid_to
        if start < valid_from:
            kept.append(
                (price.gross, start, valid_from if end is None or end > valid_from else end)
            )
        if valid_to is not None and (end is None or end > valid_to):
            kept.append((price.gross, max(start, valid_to), end))
    kept.append((gross, valid_from, valid_to))
    session.execute(delete(Price).where(Price.product_id == product.id))
    session.execute(
        table(Price).insert(),
        [
            {
                "id": uuid.uuid4(),
                "product_id": product.id,
                "gross": g,
                "valid_from": s,
                "valid_to": e,
            }
            for g, s, e in sorted(kept, key=lambda price: price[1])
        ],
    )
    publish_products(session, [product.id])
    (data,) = product_data(session, [product.id])
    return data


def user_data(session: Session, user: User) -> UserData:
    codes = session.execute(
        select(Store.code)
        .join(UserStore, UserStore.store_id == Store.id)
        .where(UserStore.user_id == user.id)
        .order_by(Store.code)
    ).scalars()
    return UserData(
        id=user.id,
        login=user.login,
        display_name=user.display_name,
        role="manager" if user.role == "manager" else "cashier",
        pin_hash=user.pin_hash,
        pin_salt=user.pin_salt,
        active=user.active,
        store_codes=list(codes),
    )


def put_user(session: Session, spec: UserSpec) -> UserData:
    """Create or replace the user with `spec.login` (their stores too) and publish them."""
    lock(session)
    store_ids = [store_by_code(session, code).id for code in dict.fromkeys(spec.store_codes)]
    user = session.execute(select(User).where(User.login == spec.login)).scalar_one_or_none()
    if user is None:
        user = User(id=uuid.uuid4(), login=spec.login)
        session.add(user)
    user.display_name = spec.display_name
    user.role = spec.role
    user.pin_hash = spec.pin_hash
    user.pin_salt = spec.pin_salt
    user.active = spec.active
    session.flush()
    session.execute(delete(UserStore).where(UserStore.user_id == user.id))
    if store_ids:
        session.execute(
            table(UserStore).insert(),
            [{"user_id": user.id, "store_id": store_id} for store_id in store_ids],
        )
    data = user_data(session, user)
    publish(session, [upserted(Entity.USER, spec.login, data.model_dump(mode="json"))])
    return data


def delete_user(session: Session, login: str) -> None:
    lock(session)
    user_id = session.execute(select(User.id).where(User.login == login)).scalar()
    if user_id is None:
        raise NotFoundError(f"there is no user {login!r}")
    session.execute(delete(UserStore).where(UserStore.user_id == user_id))
    session.execute(delete(User).where(User.id == user_id))
    publish(session, [deleted(Entity.USER, login)])
