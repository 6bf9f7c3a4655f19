"""``penna serve``: the model behind an OpenAI-compatible API (see runtime.server)."""

from __future__ import annotations

import argparse
import os
import sys

from runtime.server.config import ServerConfig


def register(subparsers: argparse._SubParsersAction) -> None:
    from runtime.export import PRECISIONS

    defaults = ServerConfig()
    parser = subparsers.add_parser(
        "serve", help="serve the model over the OpenAI API",
        description="Serve the model (--model, --device) over an OpenAI-compatible API at http://HOST:PORT/v1. "
                    "Served conversations are not recorded unless --history is given.")
    parser.add_argument("--host", default=defaults.host, help="address to bind (default: %(default)s, this machine "
                        "only; any other address needs --api-key)")
    parser.add_argument("--port", type=int, default=defaults.port, help="default: %(default)s; 0 picks a free port")
    parser.add_argument("--precision", choices=PRECISIONS, default="fp32")
    parser.add_argument("--api-key", dest="serve_api_key", metavar="KEY", default=os.environ.get("PENNA_SERVE_API_KEY"),
                        help="key every request must send as 'Authorization: Bearer KEY' (or set PENNA_SERVE_API_KEY)")
    parser.add_argument("--max-tokens", type=int, default=defaults.max_tokens,
                        help="the most new tokens one request may ask for (default: %(default)s)")
    parser.add_argument("--max-queue", type=int, default=defaults.max_waiting,
                        help="requests that may wait for the model; more are answered 429 (default: %(default)s)")
    parser.add_argument("--max-body", type=int, default=defaults.max_body_bytes,
                        help="largest request body in bytes; larger ones are answered 413 (default: %(default)s)")
    parser.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                        help="allow browser pages from ORIGIN to call the API (repeatable; default: none)")
    parser.add_argument("--history", action="store_true", help="record served conversations in the history")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from runtime.commands.generate import open_engine
    from runtime.server.run import serve

    config = ServerConfig(host=args.host, port=args.port, api_key=args.serve_api_key, max_waiting=args.max_queue,
                          max_tokens=args.max_tokens, max_body_bytes=args.max_body, cors_origins=args.cors,
                          history=args.history)
    config.check()  # before the model loads
    engine = open_engine(args)

    def announce(url: str) -> None:
        print(f"penna: serving {engine.model_name} ({engine.device}) at {url}; Ctrl+C stops.", file=sys.stderr, flush=True)

    serve(engine, config, announce)
    return 0
