"""Sub-commands of ``penna``; each module has ``register(subparsers)``."""

import argparse


def register_all(subparsers: argparse._SubParsersAction) -> None:
    from runtime.commands import documents, generate, history, models, serve, summarize, translate, write

    for module in (generate, history, models, serve, summarize, translate, write, documents):
        module.register(subparsers)
