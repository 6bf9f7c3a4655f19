"""``penna generate PROMPT`` and ``penna chat``: streamed answers in the terminal."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO

from runtime.chat import Chat, start_answer
from runtime.commands.precision import add_precision_argument
from runtime.commands.progress import ExportProgressBar
from runtime.engine import Engine, EngineProtocol, GenerationOptions, GenerationStats
from runtime.engine.reasoning import Reasoned, ReasoningSplitter

DIM, PLAIN = "\x1b[2m", "\x1b[0m"  # ANSI: faint text, then back to normal


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


def open_engine(args: argparse.Namespace) -> EngineProtocol:
    """The local model, or with ``--remote`` the server's (then --precision and --device do not apply)."""
    if args.remote:
        from runtime.engine.remote import RemoteEngine

        return RemoteEngine(args.remote, args.api_key, args.model)
    engine = Engine.open(args.model, args.precision, args.device, progress=ExportProgressBar())
    if engine.fallback_reason and args.device == "cuda":
        print(f"penna: running on the CPU: {engine.fallback_reason}", file=sys.stderr)
    return engine


class Cancellable(Protocol):
    def cancel(self) -> None: ...


@contextmanager
def interrupt_cancels(running: Cancellable) -> Iterator[None]:
    """While an answer streams, Ctrl+C stops the answer instead of the program."""
    previous = signal.signal(signal.SIGINT, lambda *_: running.cancel())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def echo(deltas: Iterable[str]) -> str:
    """Write each delta to stdout as it comes; return the whole text."""
    parts = []
    for delta in deltas:
        sys.stdout.write(delta)
        sys.stdout.flush()
        parts.append(delta)
    return "".join(parts)


class TerminalAnswer:
    """A chat answer written to ``out`` as it streams: a reasoning model's thinking dimmed, then the answer, where
    ``out`` is a terminal; the answer alone where it is a file or a pipe (``penna generate … > answer.txt``).
    ``answer`` is the answer's text so far, without the thinking."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.shows_thinking = self.out.isatty()
        self._splitter = ReasoningSplitter()
        self._thinking_open = False  # thinking was shown and the answer has not begun
        self.answer = ""

    def write(self, delta: str) -> None:
        self._show(self._splitter.feed(delta))

    def finish(self) -> None:
        self._show(self._splitter.finish())
        if self._thinking_open:  # the answer never came (stopped while thinking)
            self.out.write(PLAIN)

    def _show(self, part: Reasoned) -> None:
        if part.thinking and self.shows_thinking:
            self.out.write(("" if self._thinking_open else DIM) + part.thinking)
            self._thinking_open = True
        if part.answer:
            if self._thinking_open:
                self.out.write(PLAIN + "\n\n")
                self._thinking_open = False
            self.out.write(part.answer)
            self.answer += part.answer
        self.out.flush()


class TerminalConversation:
    """One conversation in the terminal: a Chat recorded in the history, or with ``--no-history`` kept in memory."""

    def __init__(self, args: argparse.Namespace, engine: EngineProtocol) -> None:
        from runtime.store import HistoryStore

        self.engine, self.options = engine, options_from(args)
        self.system = args.system
        self.chat = None if args.no_history else Chat(HistoryStore.open(), engine)
        self.messages = [{"role": "system", "content": args.system}] if args.system else []  # without history

    def ask(self, prompt: str) -> None:
        stats = self._answer_in_memory(prompt) if self.chat is None else self._answer_in_history(self.chat, prompt)
        sys.stdout.write("\n")
        if stats.finish_reason == "cancelled":
            print("[stopped]", file=sys.stderr)
        if stats.dropped_turns:
            print(f"[{stats.dropped_turns} oldest turns left out to fit the context]", file=sys.stderr)

    def _answer_in_history(self, chat: Chat, prompt: str) -> GenerationStats:
        chat.send(prompt, self.system)
        turn = chat.begin_answer(self.options)
        assert turn is not None  # the branch ends with the message just sent
        answer = TerminalAnswer()
        with interrupt_cancels(turn):
            stats = chat.stream(turn, answer.write).stats
        answer.finish()
        return stats

    def _answer_in_memory(self, prompt: str) -> GenerationStats:
        self.messages.append({"role": "user", "content": prompt})
        generation = start_answer(self.engine, self.messages, self.options)
        answer = TerminalAnswer()
        with interrupt_cancels(generation):
            for delta in generation:
                answer.write(delta)
        answer.finish()
        # Without its thinking, as from the history (runtime.chat): the model need not read it again.
        self.messages.append({"role": "assistant", "content": answer.answer})
        return generation.final_stats


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
