"""Guards against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 drops a reference to True on every emit of a Python bool through a custom signal,
so a long session ends in "Fatal Python error: bool_dealloc"; 6.11.3 is pinned instead.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    flag = Signal(bool)


def test_emitting_a_bool_keeps_its_reference_count(qapp):
    emitter, received = Emitter(), []
    emitter.flag.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(50):
        emitter.flag.emit(True)
    received.clear()
    assert sys.getrefcount(True) >= before  # 6.12.0: before - 50
