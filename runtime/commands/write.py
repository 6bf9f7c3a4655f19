"""``penna write ACTION [TEXT | -]``: a writing action (proofread, shorter, explain, a user action...) on a text,
streamed to stdout; ``penna write --list`` names them."""

from __future__ import annotations

import argparse
import sys

from runtime.commands.generate import open_engine
from runtime.commands.task_io import add_task_arguments, read_text, write_stream
from runtime.tasks.actions import all_actions, find_action
from runtime.tasks.language import get_language


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "write", help="proofread, rewrite, explain or summarise a text, or run your own action on it",
        description="Run a writing action on a text, e.g. `xclip -o | penna write proofread`. Every action but "
                    "translate keeps the text's language. `penna write --list` names the actions.")
    parser.add_argument("action", nargs="?", help="the action's name (see --list)")
    parser.add_argument("text", nargs="*", help="the text (default, or -: standard input)")
    parser.add_argument("--list", action="store_true", help="list the built-in and your own actions, then quit")
    parser.add_argument("--to", dest="language", default=None,
                        help="translate's target (default: en), or the {language} of your own action")
    add_task_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from runtime.tasks.write import record_writing, write

    if args.list or not args.action:
        for action in all_actions():
            kind = "built in" if action.built_in else f"yours: {action.prompt}"
            print(f"{action.name}\t{kind}")
        return 0
    action = find_action(args.action)  # an unknown action or language fails before the model loads
    if args.language:
        get_language(args.language)
    text = read_text(args.text, action.name)
    engine = open_engine(args)
    task = write(engine, text, action, language=args.language)
    result = write_stream(task)
    if task.doubtful:
        print(f"penna: warning: this result may be wrong ({'; '.join(dict.fromkeys(task.doubts))}). A larger model "
              "writes better: see `penna models catalogue`.", file=sys.stderr, flush=True)
    if not args.no_history and not task.cancelled and result.strip():
        from runtime.store import HistoryStore

        with HistoryStore.open() as store:
            record_writing(store, task, result)
    return 0
