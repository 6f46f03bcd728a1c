"""Spreading an amount over lines so that the parts always add up to the whole."""

from __future__ import annotations

from collections.abc import Sequence

from pos_client.domain.money import Money


def allocate(amount: Money, weights: Sequence[Money]) -> list[Money]:
    """Split `amount` in proportion to `weights` (largest remainder method).

    The parts sum exactly to `amount`; ties go to the earlier line, so the result is deterministic.
    With all weights zero the amount goes to the first line.
    """
    if not weights:
        if amount:
            raise ValueError("cannot allocate a non-zero amount over no lines")
        return []
    if any(weight.is_negative() for weight in weights):
        raise ValueError("weights must not be negative")
    total_weight = sum(weight.grosze for weight in weights)
    if total_weight == 0:
        return [amount if index == 0 else Money.zero() for index in range(len(weights))]
    sign = -1 if amount.is_negative() else 1
    magnitude = abs(amount.grosze)
    shares = [divmod(magnitude * weight.grosze, total_weight) for weight in weights]
    parts = [quotient for quotient, _ in shares]
    leftover = magnitude - sum(parts)
    by_remainder = sorted(range(len(weights)), key=lambda index: (-shares[index][1], index))
    for index in by_remainder[:leftover]:
        parts[index] += 1
    return [Money(sign * part) for part in parts]
