"""Shifts at the till: open with a counted float, cash in and out, X reports, close with a
numbered Z report, and the stored Z reports to view again.

Users are plain ids (`user_id: str | None`); who may do what is decided by the caller.
Refusals are ShiftErrors with a message for the till; failures of the local database are
StoreErrors (nothing is written then, the cashier retries).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from pos_client.domain.cash import CashCount
from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError
from pos_client.domain.money import Money
from pos_client.domain.payment import MAX_CASH_TENDERED
from pos_client.domain.shift_report import (
    MovementKind,
    ShiftFigures,
    ShiftReport,
    x_report,
    z_report,
)
from pos_client.domain.vat import DEFAULT_RATES, VatClass
from pos_client.store.shifts import (
    CashMovementRecord,
    ShiftRecord,
    ShiftRepository,
    ShiftStateError,
)

log = logging.getLogger(__name__)

MAX_CASH_MOVEMENT = MAX_CASH_TENDERED
"""More than this in one cash movement is a typing slip."""


class ShiftError(TillError, ValueError):
    """Something the till must be told; nothing was written. (A refusal of the shift store
    passes its English text on: those happen only when two windows race.)"""


class ShiftService:
    def __init__(
        self,
        repo: ShiftRepository,
        till_id: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rates: Mapping[VatClass, int | None] = DEFAULT_RATES,
    ) -> None:
        self._repo = repo
        self._till_id = till_id
        self._clock = clock
        self._rates = rates

    @property
    def till_id(self) -> str:
        return self._till_id

    def current_shift(self) -> ShiftRecord | None:
        """The till's open shift, or None."""
        return self._repo.current(self._till_id)

    def require_shift(self) -> ShiftRecord:
        shift = self.current_shift()
        if shift is None:
            raise ShiftError(
                QT_TRANSLATE_NOOP("Shifts", "No shift is open on this till: open a shift first.")
            )
        return shift

    def open_shift(self, count: CashCount, user_id: str | None = None) -> ShiftRecord:
        """Open a shift with the float counted in the drawer (may be empty)."""
        try:
            shift = self._repo.open(self._till_id, user_id, count, self._clock())
        except ShiftStateError as error:
            raise ShiftError(str(error)) from error
        log.info("shift %d opened, float %s", shift.number, shift.opening_float.plain())
        return shift

    def cash_in(self, amount: Money, reason: str, user_id: str | None = None) -> CashMovementRecord:
        """Cash put into the drawer (change from the safe, ...)."""
        return self._movement(MovementKind.IN, amount, reason, user_id)

    def cash_out(
        self, amount: Money, reason: str, user_id: str | None = None
    ) -> CashMovementRecord:
        """Cash taken out of the drawer (to the safe, a delivery paid in cash, ...); never more
        than the drawer should hold."""
        return self._movement(MovementKind.OUT, amount, reason, user_id)

    def _movement(
        self, kind: MovementKind, amount: Money, reason: str, user_id: str | None
    ) -> CashMovementRecord:
        reason = reason.strip()
        if amount.grosze <= 0:
            raise ShiftError(QT_TRANSLATE_NOOP("Shifts", "Enter an amount above zero."))
        if amount > MAX_CASH_MOVEMENT:
            raise ShiftError(
                QT_TRANSLATE_NOOP("Shifts", "%1 in one cash movement is not plausible."), amount
            )
        if not reason:
            raise ShiftError(QT_TRANSLATE_NOOP("Shifts", "Give a reason for the cash movement."))
        shift = self.require_shift()
        now = self._clock()

        def enough_cash(figures: ShiftFigures) -> None:
            if kind is MovementKind.OUT:
                expected = x_report(figures, now, rates=self._rates).expected_cash
                if amount > expected:
                    raise ShiftError(
                        QT_TRANSLATE_NOOP(
                            "Shifts", "The drawer should hold only %1: %2 cannot be taken out."
                        ),
                        expected,
                        amount,
                    )

        try:
            movement = self._repo.cash_movement(
                shift.shift_id, kind, amount, reason, user_id, now, check=enough_cash
            )
        except ShiftStateError as error:
            raise ShiftError(str(error)) from error
        log.info("cash %s %s: %s", kind.value, amount.plain(), reason)
        return movement

    def x_report(self, user_id: str | None = None) -> ShiftReport:
        """A reading of the open shift (nothing is closed or numbered)."""
        shift = self.require_shift()
        try:
            figures = self._repo.figures(shift.shift_id)
        except ShiftStateError as error:
            raise ShiftError(str(error)) from error
        return x_report(figures, self._clock(), user_id, self._rates)

    def expected_cash(self) -> Money:
        """What the drawer of the open shift should hold now."""
        return self.x_report().expected_cash

    def close_shift(self, count: CashCount, user_id: str | None = None) -> ShiftReport:
        """Close the open shift with the drawer counted by denomination: returns the stored Z
        report, numbered 1, 2, 3... per till without gaps."""
        shift = self.require_shift()
        now = self._clock()

        def build(figures: ShiftFigures, number: int) -> ShiftReport:
            return z_report(figures, number, count, now, user_id, self._rates)

        try:
            report = self._repo.close(shift.shift_id, user_id, count, now, build)
        except ShiftStateError as error:
            raise ShiftError(str(error)) from error
        log.info(
            "shift %d closed with Z %s: expected cash %s, counted %s",
            shift.number,
            report.number,
            report.expected_cash.plain(),
            count.total().plain(),
        )
        return report

    def z_reports(self) -> list[ShiftReport]:
        """The till's stored Z reports, oldest first."""
        return self._repo.z_reports(self._till_id)

    def z_report(self, number: int) -> ShiftReport:
        report = self._repo.z_report(self._till_id, number)
        if report is None:
            raise ShiftError(
                QT_TRANSLATE_NOOP("Shifts", "There is no Z report number %1 on this till."), number
            )
        return report
