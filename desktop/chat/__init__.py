"""The chat pane: conversation sidebar, message view, composer, and the session that drives them."""
