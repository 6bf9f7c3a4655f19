"""Documents in the chat, end to end on a real X server with the real default model: another application drags a
60-page PDF onto Penna's conversation (a real XDND drag between two processes, the pointer moved by xdotool), the
question typed with xdotool is answered from page 37 with a citation, and a click on that citation shows the passage
of page 37; a file dropped on the message box or the system prompt is attached too (not written into it as its URL). A
screenshot of the end is left in each test's tmp_path (documents.png) where ImageMagick is installed.

Skipped where Xvfb, xdotool or xclip are missing (Debian: xvfb, xdotool, xclip).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.desktop.xvfb import child, needs_x_tools, penna_env, read_event, stop_children
from tests.runtime.test_ask import FACT, FACT_PAGE, QUESTION, write_guide

pytestmark = [pytest.mark.slow, needs_x_tools]
DRAG_STEPS = 24


def xdotool(env: dict, *args: object) -> None:
    subprocess.run(["xdotool", *map(str, args)], env=env, check=True, timeout=60)


def centre(rect: list[int]) -> tuple[int, int]:
    x, y, width, height = rect
    return x + width // 2, y + height // 2


def overlap(a: list[int], b: list[int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def screenshot(env: dict, path: Path) -> None:
    """The whole screen at ``path``, where ImageMagick is installed (to look at; nothing is asserted on it)."""
    if shutil.which("import"):
        subprocess.run(["import", "-window", "root", str(path)], env=env, timeout=60)


def next_event(process: subprocess.Popen, deadline: float, *wanted: str) -> dict:
    """The child's next event among ``wanted``, passing over the drag's enters and moves (each widget under the
    pointer has them in turn) and focus changes; fails on anything else."""
    event = read_event(process, deadline)
    while event["event"] in {"drag_entered", "drag_moved", "focus"} - set(wanted):
        event = read_event(process, deadline)
    assert event["event"] in wanted, event
    return event


def drag(env: dict, source: subprocess.Popen, penna: subprocess.Popen, start: tuple[int, int],
         end: tuple[int, int], deadline: float) -> None:
    """Press on ``start`` (the source begins its drag), move in steps to ``end`` and release there once Penna has
    told the source that it takes the drop: a widget of Penna had the drag enter, then one had it at ``end`` (Penna's
    answer to the first position is then on its way to the source, ahead of the release)."""
    xdotool(env, "mousemove", *start)
    xdotool(env, "mousedown", 1)
    assert read_event(source, deadline)["event"] == "dragging"
    path = []
    for step in range(1, DRAG_STEPS + 1):
        x = start[0] + (end[0] - start[0]) * step // DRAG_STEPS
        y = start[1] + (end[1] - start[1]) * step // DRAG_STEPS
        path += ["mousemove", x, y, "sleep", 0.05]
    xdotool(env, *path)
    entered = next_event(penna, deadline, "drag_entered")
    assert entered["urls"] and entered["urls"][0].startswith("file://")
    moved = next_event(penna, deadline, "drag_entered", "drag_moved")
    while moved["global_position"] != list(end):
        moved = next_event(penna, deadline, "drag_entered", "drag_moved")
    xdotool(env, "mouseup", 1)


@dataclass
class Desk:
    """Penna and the drag source, both shown, on the test's X display."""

    env: dict
    guide: Path
    source: subprocess.Popen
    penna: subprocess.Popen
    held: dict  # the source's "ready"
    ready: dict  # Penna's
    deadline: float

    def drop_on(self, target: str) -> dict:
        """Drag the guide from the source onto ``target`` (a rectangle of Penna's "ready"); Penna's "attached"."""
        drag(self.env, self.source, self.penna, centre(self.held["geometry"]), centre(self.ready[target]),
             self.deadline)
        dropped = next_event(self.penna, self.deadline, "drop")
        assert dropped["receiver"] == "ChatPane" and dropped["urls"] == [self.guide.as_uri()], dropped
        assert read_event(self.source, self.deadline) == {"event": "dropped", "action": "CopyAction"}
        attached = next_event(self.penna, self.deadline, "attached", "error")
        assert attached["event"] == "attached" and attached["names"] == ["guide.pdf"], attached
        return attached


@pytest.fixture
def desk(x_display, exported_cache, tmp_path) -> Iterator[Desk]:  # noqa: ANN001
    guide = write_guide(tmp_path / "guide.pdf")
    env = penna_env(x_display, exported_cache, tmp_path / "home")
    source = child("xvfb_drag_source.py", env, str(guide))
    penna = child("xvfb_documents_app.py", env)
    deadline = time.monotonic() + 600  # the model loads and answers on a shared machine; every step waits on an event
    try:
        held = read_event(source, deadline)
        assert held["event"] == "ready"
        ready = next_event(penna, deadline, "ready")
        assert ready["active"] and ready["focus"] == "Message", ready
        assert not overlap(held["geometry"], ready["window"])  # the pointer reaches each where the test puts it
        yield Desk(env, guide, source, penna, held, ready, deadline)
    finally:
        if penna.poll() is None:
            screenshot(env, tmp_path / "documents.png")  # how it looked at the end, or when it failed
        stop_children(penna, source)


def test_drag_a_pdf_in_ask_and_click_the_citation_to_its_page(desk):  # noqa: ANN001
    env, penna, deadline = desk.env, desk.penna, desk.deadline
    attached = desk.drop_on("drop_target")  # the conversation

    xdotool(env, "mousemove", *centre(desk.ready["message_box"]))  # the press gave the source the keyboard, as a
    xdotool(env, "click", 1)  # file manager takes it: a click puts it back in the message box
    focus = attached
    while not (focus["active"] and focus["focus"] == "Message"):
        focus = next_event(penna, deadline, "focus")
    xdotool(env, "type", "--delay", 40, QUESTION)
    xdotool(env, "key", "Return")
    answered = next_event(penna, deadline, "answered", "error")
    assert answered["event"] == "answered" and answered["finish_reason"] != "error", answered
    cited = [link for link in answered["citations"] if link["page"] == FACT_PAGE]
    assert cited, f"the answer does not cite page {FACT_PAGE}: {answered}"
    link = cited[0]
    assert link["title"] == "guide.pdf" and link["hit"] == link["target"] and link["in_view"], link

    xdotool(env, "mousemove", *centre(link["rect"]))
    xdotool(env, "click", 1)
    shown = next_event(penna, deadline, "passage", "error")
    assert shown["event"] == "passage" and shown["visible"], shown
    assert shown["number"] == link["number"] and shown["page"] == FACT_PAGE
    assert shown["where"] == f"[{link['number']}] guide.pdf, p. {FACT_PAGE}"
    assert FACT in shown["text"]
    screenshot(env, desk.guide.with_name("documents.png"))
    xdotool(env, "key", "ctrl+q")
    assert penna.wait(timeout=120) == 0


@pytest.mark.parametrize("box", ["message_box", "system_prompt"])
def test_a_file_dropped_on_a_text_box_is_attached_not_written_into_it(desk, box):  # noqa: ANN001
    attached = desk.drop_on(box)  # a text box takes dropped text, and the drag carries the file's URL as text too
    assert attached["message"] == "" and attached["system_prompt"] == ""
