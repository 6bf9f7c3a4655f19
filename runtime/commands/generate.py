"""``penna generate PROMPT`` and ``penna chat``: streamed answers in the terminal."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import asdict

from runtime.commands.precision import add_precision_argument
from runtime.commands.progress import ExportProgressBar
from runtime.conversation import stream_into, title_from
from runtime.engine import Engine, Generation, GenerationOptions


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
    add_precision_argument(parser)
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
    """The local model, or with ``--remote`` the server's (then --precision and --device do not apply)."""
    if args.remote:
        from runtime.engine.remote import RemoteEngine

        return RemoteEngine(args.remote, args.api_key, args.model)
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


def write_to_stdout(delta: str) -> None:
    sys.stdout.write(delta)
    sys.stdout.flush()


def echo(deltas: Iterable[str]) -> str:
    """Write each delta to stdout as it comes; return the whole text."""
    parts = []
    for delta in deltas:
        write_to_stdout(delta)
        parts.append(delta)
    return "".join(parts)


class TerminalConversation:
    """One conversation in the terminal, recorded in the history unless ``--no-history``."""

    def __init__(self, args: argparse.Namespace, engine: Engine):
        from runtime.store import HistoryStore

        self.engine, self.options = engine, options_from(args)
        self.system = args.system
        self.store = None if args.no_history else HistoryStore.open()
        self.conversation_id: int | None = None
        self.messages = [{"role": "system", "content": args.system}] if args.system else []

    def ask(self, prompt: str) -> str:
        self.messages.append({"role": "user", "content": prompt})
        generation = self._start()
        writer = self._record_question(prompt)
        with interrupt_cancels(generation):
            answer = stream_into(writer, generation, write_to_stdout) if writer else echo(generation)
        sys.stdout.write("\n")
        self.messages.append({"role": "assistant", "content": answer})
        self._report(generation)
        return answer

    def _start(self) -> Generation:
        """A chat model answers the conversation; a base model (no chat template) continues the latest text."""
        if getattr(self.engine, "is_chat_model", True) or self.system or len(self.messages) > 1:
            return self.engine.chat(self.messages, self.options)
        return self.engine.complete(self.messages[-1]["content"], self.options)

    def _record_question(self, prompt: str):
        """The store's writer for the coming answer, or None without history."""
        if self.store is None:
            return None
        if self.conversation_id is None:
            self.conversation_id = self.store.create_conversation(
                title_from(prompt), model=self.engine.model_name, system_prompt=self.system).id
        self.store.append_message(self.conversation_id, "user", prompt)
        return self.store.begin_answer(self.conversation_id, model=self.engine.model_name, options=asdict(self.options))

    @staticmethod
    def _report(generation: Generation) -> None:
        if generation.stats.finish_reason == "cancelled":
            print("[stopped]", file=sys.stderr)
        if generation.stats.dropped_turns:
            print(f"[{generation.stats.dropped_turns} oldest turns left out to fit the context]", file=sys.stderr)


def run_generate(args: argparse.Namespace) -> int:
    TerminalConversation(args, open_engine(args)).ask(args.prompt)
    return 0


def run_chat(args: argparse.Namespace) -> int:
    engine = open_engine(args)
    conversation = TerminalConversation(args, engine)
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
        if prompt.strip():
            conversation.ask(prompt)
