"""Sub-commands of ``penna``; each module has ``register(subparsers)``."""

import argparse


def register_all(subparsers: argparse._SubParsersAction) -> None:
    from runtime.commands import generate, history, models, serve, summarize, translate, write

    for module in (generate, history, models, serve, summarize, translate, write):
        module.register(subparsers)
