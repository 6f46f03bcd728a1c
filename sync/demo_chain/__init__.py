"""The deterministic demo chain: stores, categories, VAT rates and a Polish catalogue of any size.

One seeded random stream feeds both the till's demo database (`pos_client.demo.generator`) and
the central service's demo (`sync.central.demo`), so the same seed gives both the same stores,
SKUs, names, barcodes and prices. The stream draws the stores' tax ids first and then the
products one by one; nothing else may draw from it, or every later product changes.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from hardware.barcodes import with_check_digit
from sync.demo_chain.names import CATEGORIES, FEATURED, STORES, Featured

DEFAULT_SEED = 2026
PRICES_FROM = "2026-01-01"
PRICE_CHANGE_FROM = "2026-06-01"
WEIGHED_SHARE = 0.05
SECOND_BARCODE_SHARE = 0.10
PRICE_CHANGE_SHARE = 0.02
ROUND_PRICE_SHARE = 0.15
"""Share of prices ending in ,00 or ,50 rather than in 9."""
MIN_PRICE = 99
MAX_PRICE = 19_999
IN_STORE_PREFIX = "21"
MAX_IN_STORE_ITEM = 99_999
NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
VAT_RATES: dict[str, int | None] = {"A": 2300, "B": 800, "C": 500, "D": 0, "E": None}
"""Basis points of a percent per VAT class (2300 = 23 %); None is exempt ("zw.")."""
CATEGORY_NUMBERS = {category.name: number for number, category in enumerate(CATEGORIES, start=1)}
"""Each category's 1-based position, the till's category id."""
MIN_PRODUCTS = len(FEATURED)


@dataclass(frozen=True, slots=True)
class DemoStore:
    code: str
    name: str
    address: str
    tax_id: str
    opening_hours: str


class DemoPrice(NamedTuple):
    gross: int
    """Grosze (per kilogram for a weighed product)."""
    valid_from: str
    valid_to: str | None


class DemoProduct(NamedTuple):
    number: int
    """1-based position in the stream: the till's product id; the SKU is P + seven digits of it."""
    sku: str
    name: str
    category: str
    vat_class: str
    unit: str
    """"piece" or "kg"."""
    barcodes: tuple[str, ...]
    prices: tuple[DemoPrice, ...]
    label: str | None
    """The quick-key label of a featured product; None for the others."""


@dataclass(frozen=True, slots=True)
class _Kind:
    """What a product is: name, category, VAT class, unit and price."""

    name: str
    category: str
    vat_class: str
    unit: str
    price: int


class _Pool:
    """Kinds taken in turn, from the start again once all were taken."""

    def __init__(self, kinds: list[_Kind]) -> None:
        self._kinds = kinds
        self._taken = 0

    def take(self) -> _Kind:
        kind = self._kinds[self._taken % len(self._kinds)]
        self._taken += 1
        return kind


class _Eans:
    """Distinct random Polish EAN-13 codes: 590, nine digits, the check digit."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._issued: set[int] = set()

    def next(self) -> str:
        while True:
            body = self._rng.randrange(10**9)
            if body not in self._issued:
                self._issued.add(body)
                return with_check_digit(f"590{body:09d}")


def _nip_check_digit(first_nine: str) -> int | None:
    """The NIP's check digit; None when there is none (such numbers are never issued)."""
    remainder = sum(int(d) * w for d, w in zip(first_nine, NIP_WEIGHTS, strict=True)) % 11
    return None if remainder == 10 else remainder


def _nip(rng: random.Random, tax_office: str) -> str:
    while True:
        first_nine = f"{tax_office}{rng.randrange(10**6):06d}"
        check = _nip_check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"


def _shelf_price(rng: random.Random, grosze: float) -> int:
    """A plausible price near `grosze`: mostly ending in 9, sometimes in ,00 or ,50."""
    whole = round(grosze)
    price = whole // 50 * 50 if rng.random() < ROUND_PRICE_SHARE else whole // 10 * 10 + 9
    return min(max(price, MIN_PRICE), MAX_PRICE)


def _kind_pools(rng: random.Random) -> tuple[list[_Pool], list[int], _Pool]:
    """Packaged kinds per category with cumulative shares, and the weighed kinds."""
    packaged_pools: list[_Pool] = []
    cum_shares = list(itertools.accumulate(category.share for category in CATEGORIES))
    weighed: list[_Kind] = []
    for category in CATEGORIES:
        packaged: list[_Kind] = []
        for line in category.lines:
            unit = "kg" if line.weighed else "piece"
            for variant, brand, (size, factor) in itertools.product(
                line.variants, (*category.brands, ""), line.sizes
            ):
                name = " ".join(part for part in (line.base, variant, brand, size) if part)
                price = _shelf_price(rng, line.price * factor * rng.uniform(0.85, 1.2))
                vat_class = line.vat or category.vat
                kind = _Kind(name, category.name, vat_class, unit, price)
                (weighed if line.weighed else packaged).append(kind)
        rng.shuffle(packaged)
        packaged_pools.append(_Pool(packaged))
    rng.shuffle(weighed)
    return packaged_pools, cum_shares, _Pool(weighed)


def _featured_kind(product: Featured) -> _Kind:
    vat_class = product.vat or CATEGORIES[CATEGORY_NUMBERS[product.category] - 1].vat
    return _Kind(product.name, product.category, vat_class, product.unit, product.price)


class DemoChain:
    """The demo chain of `products` products drawn from `seed`.

    `stores` are ready at once; `products()` yields the catalogue in SKU order and may be
    iterated only once (it advances the one random stream). The counters are complete after it.
    """

    def __init__(self, products: int = 2500, seed: int = DEFAULT_SEED) -> None:
        if products < MIN_PRODUCTS:
            raise ValueError(
                f"a demo catalogue has at least {MIN_PRODUCTS} products, not {products}"
            )
        self.product_count = products
        self._rng = random.Random(seed)
        self._eans = _Eans(self._rng)
        self._started = False
        self.stores = tuple(
            DemoStore(
                spec.code,
                spec.name,
                spec.address,
                _nip(self._rng, spec.tax_office),
                spec.opening_hours,
            )
            for spec in STORES
        )
        self.categories = tuple(category.name for category in CATEGORIES)
        self.weighed_products = 0
        self.barcodes = 0
        self.prices = 0

    def products(self) -> Iterator[DemoProduct]:
        if self._started:
            raise RuntimeError("the demo catalogue stream can be read only once")
        self._started = True
        rng = self._rng
        packaged_pools, cum_shares, weighed_pool = _kind_pools(rng)
        for number, featured in enumerate(FEATURED, start=1):
            yield self._product(number, _featured_kind(featured), featured.label)
        for number in range(len(FEATURED) + 1, self.product_count + 1):
            if self.weighed_products < MAX_IN_STORE_ITEM and rng.random() < WEIGHED_SHARE:
                kind = weighed_pool.take()
            else:
                kind = rng.choices(packaged_pools, cum_weights=cum_shares)[0].take()
            yield self._product(number, kind, None)

    def _product(self, number: int, kind: _Kind, label: str | None) -> DemoProduct:
        rng = self._rng
        codes = [self._eans.next()]
        if rng.random() < SECOND_BARCODE_SHARE:
            codes.append(self._eans.next())
        if kind.unit == "kg":
            self.weighed_products += 1
            # The code a scale label's code becomes once its weight is zeroed.
            item = f"{self.weighed_products:05d}"
            codes.append(with_check_digit(f"{IN_STORE_PREFIX}{item}00000"))
        self.barcodes += len(codes)
        prices: tuple[DemoPrice, ...]
        if rng.random() < PRICE_CHANGE_SHARE:
            changed = _shelf_price(rng, kind.price * rng.uniform(0.85, 1.15))
            prices = (
                DemoPrice(kind.price, PRICES_FROM, PRICE_CHANGE_FROM),
                DemoPrice(changed, PRICE_CHANGE_FROM, None),
            )
        else:
            prices = (DemoPrice(kind.price, PRICES_FROM, None),)
        self.prices += len(prices)
        return DemoProduct(
            number,
            f"P{number:07d}",
            kind.name,
            kind.category,
            kind.vat_class,
            kind.unit,
            tuple(codes),
            prices,
            label,
        )
