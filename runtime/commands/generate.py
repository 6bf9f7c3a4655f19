"""``penna generate PROMPT`` and ``penna chat``: streamed answers in the terminal."""

from __future__ import annotations

import argparse
import signal
import sys
from contextlib import contextmanager

from runtime.commands.progress import ExportProgressBar
from runtime.engine import Engine, Generation, GenerationOptions
from runtime.export import PRECISIONS


def register(subparsers: argparse._SubParsersAction) -> None:
    generate = subparsers.add_parser("generate", help="answer one prompt, streamed to stdout")
    generate.add_argument("prompt")
    add_generation_arguments(generate)
    generate.set_defaults(func=run_generate)
    chat = subparsers.add_parser("chat", help="chat in the terminal (Ctrl+C stops an answer, Ctrl+D quits)")
    add_generation_arguments(chat)
    chat.set_defaults(func=run_chat)


def add_generation_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = GenerationOptions()
    parser.add_argument("--system", default=None, help="system prompt")
    parser.add_argument("--precision", choices=PRECISIONS, default="fp32")
    parser.add_argument("--max-new-tokens", type=int, default=defaults.max_new_tokens)
    parser.add_argument("--temperature", type=float, default=defaults.temperature, help="0 = greedy")
    parser.add_argument("--top-k", type=int, default=defaults.top_k)
    parser.add_argument("--top-p", type=float, default=defaults.top_p)
    parser.add_argument("--repetition-penalty", type=float, default=defaults.repetition_penalty)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--stop", action="append", default=[], help="stop string (repeatable)")
    parser.add_argument("--no-history", action="store_true", help="do not record this conversation")


def options_from(args: argparse.Namespace) -> GenerationOptions:
    return GenerationOptions(max_new_tokens=args.max_new_tokens, temperature=args.temperature, top_k=args.top_k,
                             top_p=args.top_p, repetition_penalty=args.repetition_penalty, seed=args.seed,
                             stop=tuple(args.stop))


def open_engine(args: argparse.Namespace) -> Engine:
    engine = Engine.open(args.model, args.precision, args.device, progress=ExportProgressBar())
    if engine.fallback_reason and args.device == "cuda":
        print(f"penna: running on the CPU: {engine.fallback_reason}", file=sys.stderr)
    return engine


@contextmanager
def interrupt_cancels(generation: Generation):
    """While an answer streams, Ctrl+C stops the answer instead of the program."""
    previous = signal.signal(signal.SIGINT, lambda *_: generation.cancel())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def stream_to_stdout(generation: Generation) -> str:
    parts = []
    with interrupt_cancels(generation):
        for delta in generation:
            parts.append(delta)
            sys.stdout.write(delta)
            sys.stdout.flush()
    sys.stdout.write("\n")
    if generation.stats.finish_reason == "cancelled":
        print("[stopped]", file=sys.stderr)
    if generation.stats.dropped_turns:
        print(f"[{generation.stats.dropped_turns} oldest turns left out to fit the context]", file=sys.stderr)
    return "".join(parts)


def _conversation_start(args: argparse.Namespace) -> list[dict]:
    return [{"role": "system", "content": args.system}] if args.system else []


def run_generate(args: argparse.Namespace) -> int:
    engine = open_engine(args)
    messages = _conversation_start(args) + [{"role": "user", "content": args.prompt}]
    stream_to_stdout(engine.chat(messages, options_from(args)))
    return 0


def run_chat(args: argparse.Namespace) -> int:
    engine = open_engine(args)
    options = options_from(args)
    messages = _conversation_start(args)
    print(f"{engine.model_name} on {engine.device}. Ctrl+C stops an answer, Ctrl+D quits.", file=sys.stderr)
    while True:
        try:
            prompt = input("> ")
        except EOFError:
            print()
            return 0
        except KeyboardInterrupt:
            print()
            continue
        if not prompt.strip():
            continue
        messages.append({"role": "user", "content": prompt})
        answer = stream_to_stdout(engine.chat(messages, options))
        messages.append({"role": "assistant", "content": answer})
