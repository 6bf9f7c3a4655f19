from desktop.markdown import Segment, prose_to_html, split_segments


def test_code_fences_are_split_from_prose():
    text = "# Title\n\n- one\n- two\n\n```python\nprint('hi')\n```\nAfter."
    assert split_segments(text) == [
        Segment("prose", "# Title\n\n- one\n- two"),
        Segment("code", "print('hi')", "python"),
        Segment("prose", "After."),
    ]


def test_an_unclosed_fence_runs_to_the_end_while_streaming():
    assert split_segments("Look:\n```\nx = 1\ny") == [Segment("prose", "Look:"), Segment("code", "x = 1\ny", "")]


def test_prose_renders_headings_tables_and_escapes_html(qapp):
    rendered = prose_to_html("## Head\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<b>raw</b>")
    assert "<table" in rendered and "Head" in rendered
    assert "&lt;b&gt;raw&lt;/b&gt;" in rendered
