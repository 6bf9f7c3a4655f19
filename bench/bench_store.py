"""History store benchmark: builds 1,000 conversations with 100,000 messages of realistic text
and prints median times of what the GUI does most. Figures, not a test.

    .venv/bin/python bench/bench_store.py [--db PATH] [--runs N]   (PYTHONPATH=. if penna is not pip-installed)

With --db an existing benchmark database is reused (it is built there if missing).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, UTC
from pathlib import Path

from runtime.store import HistoryStore

CONVERSATIONS = 1_000
MESSAGES = 100_000
LONG_CONVERSATION = 500

WORDS = """
the a of to and in is it you that for on with as are be this was have or by not but what all
were when we there can an your which their said if do will each about how up out them then she
many some so these would other into has more her two like him see time could no make than first
been its who now people my made over did down only way find use may water long little very after
words called just where most know get through back much before go good new write our used me man
too any day same right look think also around another came come work three word must because does
part even place well such here take why things help put years different away again off went old
number great tell men say small every found still between name should home big give air line set
own under read last never us left end along while might next sound below saw something thought
both few those always looks show large often together asked house world going want school important
until form food keep children feet land side without boy once animals life enough took sometimes
four head above kind began almost live page got earth need far hand high year mother light parts
country father let night following picture being study second eyes soon times story boys since
white days ever paper hard near sentence better best across during today others however sure means
knew try told young miles sun ways thing whole hear example heard several change answer room sea
against top turned learn point city play toward five using himself usually python function model
memory translate summary document chapter garden recipe travel budget weather history question
""".split()


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 18))
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "?", "!"])


def paragraph(rng: random.Random, sentences: tuple[int, int]) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def conversation_json(rng: random.Random, number: int, messages: int, start: datetime) -> str:
    created = start + timedelta(minutes=number * 37)
    rows = []
    for n in range(messages):
        user = n % 2 == 0
        rows.append(
            {
                "id": n + 1,
                "parent": n or None,
                "role": "user" if user else "assistant",
                "content": paragraph(rng, (1, 3) if user else (3, 8)),
                "created": (created + timedelta(seconds=20 * n)).isoformat(),
                "model": None if user else "smollm2-135m-instruct",
                "options": None if user else {"temperature": 0.7, "top_p": 0.95},
                "prompt_tokens": None if user else rng.randint(50, 4000),
                "completion_tokens": None if user else rng.randint(20, 400),
                "ttft_s": None if user else round(rng.uniform(0.05, 0.5), 3),
                "tokens_per_s": None if user else round(rng.uniform(20, 60), 1),
                "finish_reason": None if user else "stop",
            }
        )
    document = {
        "format": "penna-conversation",
        "version": 1,
        "title": sentence(rng)[:60],
        "created": created.isoformat(),
        "updated": (created + timedelta(seconds=20 * messages)).isoformat(),
        "model": "smollm2-135m-instruct",
        "system_prompt": None,
        "pinned": number % 97 == 0,
        "archived": False,
        "active_leaf": messages,
        "messages": rows,
    }
    return json.dumps(document)


def build(store: HistoryStore) -> int:
    """Fill the store; returns the id of the 500-message conversation."""
    rng = random.Random(3)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    per_conversation, remainder = divmod(MESSAGES - LONG_CONVERSATION, CONVERSATIONS - 1)
    long_id = store.import_json(conversation_json(rng, 0, LONG_CONVERSATION, start)).id
    for number in range(1, CONVERSATIONS):
        size = per_conversation + (1 if number <= remainder else 0)
        store.import_json(conversation_json(rng, number, size, start))
        if number % 100 == 0:
            print(f"  built {number} conversations", file=sys.stderr)
    return long_id


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm the page cache once
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory() if args.db is None else None
    path = args.db or Path(folder.name) / "history.db"
    fresh = not path.exists()
    with HistoryStore.open(path) as store:
        if fresh:
            began = time.perf_counter()
            build(store)
            print(f"built in {time.perf_counter() - began:.0f} s", file=sys.stderr)
        long_id = store.db.execute(
            "SELECT conversation_id FROM messages GROUP BY conversation_id HAVING count(*) >= ? LIMIT 1",
            [LONG_CONVERSATION],
        ).fetchone()[0]
        counts = store.db.execute("SELECT (SELECT count(*) FROM conversations), (SELECT count(*) FROM messages)").fetchone()
        target = store.create_conversation("appending here")
        rows = [
            ("list the newest 50 conversations", lambda: store.list_conversations(50)),
            (f"open a {LONG_CONVERSATION}-message conversation", lambda: store.active_branch(long_id)),
            ("search a common word (20 best)", lambda: store.search("garden", 20)),
            ("search two words (20 best)", lambda: store.search("recipe weather", 20)),
            ("search a rare phrase", lambda: store.search('"chapter budget"', 20)),
            ("append a message", lambda: store.append_message(target.id, "user", "One more question about the garden?")),
        ]
        size_mb = path.stat().st_size / 1e6
        print(f"\n{counts[0]:,} conversations, {counts[1]:,} messages, {size_mb:.0f} MB; median of {args.runs} runs\n")
        print("| operation | median ms |")
        print("|---|---|")
        for name, action in rows:
            print(f"| {name} | {median_ms(action, args.runs):.1f} |")
        store.delete_conversation(target.id)  # a kept database stays as built, run after run
    if folder is not None:
        folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
