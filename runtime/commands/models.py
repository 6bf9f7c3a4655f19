"""``penna models list | add | export | remove | catalogue | download``."""

from __future__ import annotations

import argparse

from runtime import models
from runtime.commands.precision import add_precision_argument
from runtime.commands.progress import ExportProgressBar
from runtime.errors import PennaError
from runtime.export import PRECISIONS, ensure_exported, is_exported, streams
from runtime.export.availability import require_exporter
from runtime.export.precision import AUTO, resolve_precision


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="list, add, export and remove models")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="installed models and their exports").set_defaults(func=list_models)
    add = actions.add_parser("add", help="add a local HF folder, a .gguf file or a hub id")
    add.add_argument("source", metavar="PATH_OR_HUB_ID")
    add.set_defaults(func=add_model)
    export = actions.add_parser("export", help="convert a model to ONNX now")
    export.add_argument("name")
    add_precision_argument(export)
    export.add_argument("--force", action="store_true", help="rebuild even if already exported")
    export.set_defaults(func=export_model)
    remove = actions.add_parser("remove", help="forget an added model")
    remove.add_argument("name")
    remove.set_defaults(func=remove_model)
    catalogue = actions.add_parser("catalogue", help="models worth downloading, with size, memory and licence")
    catalogue.add_argument("--task", choices=("chat", "translation", "summaries"), help="only models good at this")
    catalogue.set_defaults(func=list_catalogue)
    fetch = actions.add_parser("download", help="download a catalogue model (an interrupted download resumes)")
    fetch.add_argument("id", help="the model's id in `penna models catalogue`")
    fetch.set_defaults(func=download_model)


def list_models(args: argparse.Namespace) -> int:
    """One line per model, with its default precision on this machine (``--precision auto``), also starred."""
    for model in models.list_models():
        try:
            default = resolve_precision(AUTO, model.name, args.device)
        except PennaError as error:  # e.g. its files were moved: say so on its line, list the others
            default = f"? ({error})"
        exported = [precision for precision in PRECISIONS if is_exported(model.name, precision)]
        print(f"{model.name:<32} {model.kind:<9} {model.architecture:<12} default: {default:<5} "
              f"exported: {', '.join(p + ('*' if p == default else '') for p in exported) or 'no'}")
    return 0


def add_model(args: argparse.Namespace) -> int:
    model = models.add_model(args.source, progress=lambda message, _: print(message))
    if not streams(model):
        require_exporter()  # a generic-family model runs only once the exporter converts it: say how to get it
    print(f"added {model.name} ({model.architecture}); it is converted to ONNX the first time it is used, "
          f"or now with `penna models export {model.name}`")
    return 0


def export_model(args: argparse.Namespace) -> int:
    precision = resolve_precision(args.precision, args.name, args.device)
    exported = ensure_exported(args.name, precision, progress=ExportProgressBar(), force=args.force)
    print(exported.path)
    return 0


def remove_model(args: argparse.Namespace) -> int:
    models.remove_model(args.name)
    print(f"removed {args.name}")
    return 0


def list_catalogue(args: argparse.Namespace) -> int:
    from runtime.catalogue import chosen_download, filter_models, load_catalogue, system_memory_gb

    memory = system_memory_gb()
    print(f"{'id':<24} {'download':>9} {'RAM':>7}  {'licence':<36} good for")
    for model in filter_models(load_catalogue().models, args.task):
        size = f"{'~' if model.size_approximate else ''}{chosen_download(model).download_gb:.1f} GB"
        ram = f"{model.ram_gb:.0f} GB" + ("" if memory is None or model.ram_gb <= memory else "!")
        licence = model.license + (" (gated)" if model.gated else "")
        print(f"{model.id:<24} {size:>9} {ram:>7}  {licence:<36} {', '.join(model.good_for)}")
    if memory is not None:
        print(f"\nThis machine has {memory:.0f} GB of memory; ! marks models that need more.")
    return 0


def download_model(args: argparse.Namespace) -> int:
    import sys

    from runtime.catalogue import FetchProgress, fetch_model, load_catalogue
    from runtime.errors import ModelNotFoundError

    try:
        entry = load_catalogue().get(args.id)
    except KeyError:
        raise ModelNotFoundError(f"The catalogue has no model '{args.id}'; `penna models catalogue` lists them.") from None

    def show(update: FetchProgress) -> None:
        print(f"\r{update.file} ({update.index + 1}/{update.files}): {update.done / 1e6:,.0f} of "
              f"~{update.total / 1e6:,.0f} MB", end="", file=sys.stderr, flush=True)

    model = fetch_model(entry, progress=show)
    print(f"\nadded {model.name}; it is converted to ONNX the first time it is used", file=sys.stderr)
    return 0
