"""Values posted from other threads reach the receiver on the GUI thread, in order, and never
after the widget that receives them is gone."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from pos_client.ui.thread_handoff import Handoff


def test_values_posted_from_a_thread_arrive_on_the_gui_thread_in_order(qtbot: QtBot) -> None:
    owner = QLabel()
    qtbot.addWidget(owner)
    received: list[tuple[object, str]] = []
    handoff = Handoff(
        lambda value: received.append((value, threading.current_thread().name)), owner
    )

    def post_all() -> None:
        for number in range(50):
            handoff.post(number)

    poster = threading.Thread(target=post_all, name="poster")
    poster.start()
    poster.join()
    assert received == []  # queued: nothing is delivered inside the poster's call
    qtbot.waitUntil(lambda: len(received) == 50)
    assert [value for value, _thread in received] == list(range(50))
    assert {thread for _value, thread in received} == {threading.main_thread().name}


def test_run_posts_the_result_or_the_error(qtbot: QtBot) -> None:
    owner = QLabel()
    qtbot.addWidget(owner)
    received: list[object] = []
    handoff = Handoff(received.append, owner)

    handoff.run(lambda: threading.current_thread().name, "worker-a").join()
    handoff.run(lambda: 1 // 0, "worker-b").join()
    qtbot.waitUntil(lambda: len(received) == 2)
    assert received[0] == "worker-a"
    assert isinstance(received[1], ZeroDivisionError)


def test_nothing_arrives_after_the_owner_is_destroyed(qtbot: QtBot) -> None:
    owner = QLabel()
    received: list[object] = []
    cleaned: list[str] = []
    handoff = Handoff(received.append, owner)
    handoff.on_close(lambda: cleaned.append("listener removed"))

    handoff.post("queued before")  # not yet delivered when the owner goes
    del owner  # Python owns the label: this destroys it at once
    assert not handoff.is_open
    assert cleaned == ["listener removed"]
    handoff.post("after")
    QApplication.processEvents()
    assert received == []

    handoff.on_close(lambda: cleaned.append("late clean-up"))  # runs at once when closed
    assert cleaned == ["listener removed", "late clean-up"]
