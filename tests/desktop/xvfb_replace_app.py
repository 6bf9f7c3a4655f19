"""The real Penna on an X display for the Replace test (run as a child process), its window not shown.

Prints {"event": "ready"} when the model is loaded and the global shortcut grabbed, {"event": "popup_active"} the
first time the popup has the keyboard focus (keys pressed before would go to the other application),
{"event": "finished", ...} when the popup has shown a finished result, {"event": "replaced", "message": ...} when
Replace is done (an empty message: pasted), and keeps running (owning the restored clipboard) until its stdin closes.
"""

from __future__ import annotations

import sys

from tests.desktop.xvfb_child import on_stdin_closed, penna_window, run, say


def main() -> int:
    app, window = penna_window()
    selection = window.selection

    def on_ready(_engine: object) -> None:
        window.start_selection_services()
        say("ready", grabbed=window.hotkey is not None and window.hotkey.shortcut == "Ctrl+Alt+Y")

    def on_focus(focused: object) -> None:
        if focused is not None and focused is selection.popup.windowHandle():
            app.focusWindowChanged.disconnect(on_focus)
            say("popup_active")

    app.focusWindowChanged.connect(on_focus)
    window.session.ready.connect(on_ready)
    selection.finished.connect(lambda text: say("finished", action=selection.action, text=text,
                                                source=selection.source_text, visible=selection.popup.isVisible(),
                                                window=selection.replacer.source_window))
    selection.replacer.done.connect(lambda message: say("replaced", message=message))
    _closing = on_stdin_closed(window.quit)
    return run(app, window, show=False)


if __name__ == "__main__":
    sys.exit(main())
