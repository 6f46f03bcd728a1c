"""Messages for the screen: a marked template, its arguments apart, English for the log."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pos_client.domain.cart import Cart, CartError
from pos_client.domain.messages import (
    QT_TRANSLATE_NOOP,
    Message,
    Template,
    TillError,
    english,
    fill,
)
from pos_client.domain.money import Money
from pos_client.domain.quantity import Measure, Quantity, QuantityError, Unit


def test_the_marker_keeps_context_and_source() -> None:
    assert QT_TRANSLATE_NOOP("Cart", "a price cannot be negative") == Template(
        "Cart", "a price cannot be negative"
    )


def test_fill_replaces_each_placeholder_once() -> None:
    assert fill("%1 and %2, %1 again", ["a", "b"]) == "a and b, a again"
    assert fill("%2 before %1", ["first", "second"]) == "second before first"
    assert fill("%1 of %10", [str(n) for n in range(1, 11)]) == "1 of 10"


def test_a_value_holding_a_placeholder_is_not_filled_again() -> None:
    assert fill("%1 / %2", ["50%2", "x"]) == "50%2 / x"


def test_a_placeholder_without_a_value_is_left_alone() -> None:
    assert fill("%1 and %3", ["a"]) == "a and %3"


def test_english_formats_each_kind_of_argument() -> None:
    nested = Message(QT_TRANSLATE_NOOP("Payment", "still to pay: %1"), (Money(1250),))
    moment = datetime(2026, 11, 23, 13, 5, tzinfo=UTC)

    assert english(Money(123456)) == "1\u00a0234,56\u00a0zł"
    assert english(Quantity.grams(450)) == "0,450 kg"
    assert english(Measure(0, Unit.PIECE)) == "0 szt."
    assert english(moment) == moment.astimezone().strftime("%Y-%m-%d %H:%M")
    assert english(nested) == "still to pay: 12,50\u00a0zł"
    assert english(7) == "7"


def test_str_of_an_error_is_the_english_text_and_the_message_keeps_the_parts() -> None:
    error = TillError(QT_TRANSLATE_NOOP("Checkout", "Unknown barcode %1: %2"), "590", Money(5))

    assert str(error) == "Unknown barcode 590: 0,05\u00a0zł"
    assert error.message.template == Template("Checkout", "Unknown barcode %1: %2")
    assert error.message.args == ("590", Money(5))
    assert error.message.translatable


def test_an_error_passes_another_errors_message_on() -> None:
    with pytest.raises(QuantityError) as raised:
        Quantity.pieces(0)

    passed = CartError(raised.value.message)

    assert passed.message is raised.value.message
    assert str(passed) == "quantity must be more than zero"


def test_a_whole_message_takes_no_more_arguments() -> None:
    with pytest.raises(TypeError):
        TillError(Message(QT_TRANSLATE_NOOP("Cart", "x %1")), "extra")


def test_plain_text_is_not_for_translation() -> None:
    error = TillError("disk I/O error %1")

    assert not error.message.translatable
    assert str(error) == "disk I/O error %1"
    assert error.message.render(lambda _template: "translated", str) == "disk I/O error %1"


def test_render_looks_the_template_up_and_shows_the_arguments() -> None:
    message = Message(QT_TRANSLATE_NOOP("Cart", "%1 is sold by weight"), ("Pomidory",))

    shown = message.render(
        lambda template: {"%1 is sold by weight": "%1 jest sprzedawany na wagę"}[template.source],
        lambda argument: f"«{argument}»",
    )

    assert shown == "«Pomidory» jest sprzedawany na wagę"


def test_domain_errors_carry_their_arguments_unformatted() -> None:
    with pytest.raises(CartError) as raised:
        Cart().set_basket_discount(Money(100))

    assert raised.value.message.template.context == "Cart"
    assert isinstance(raised.value, ValueError)  # still what callers catch
