"""``penna serve`` as a real subprocess on 127.0.0.1, driven by the official ``openai`` client and by plain HTTP.

Two servers run the real default model (one open, one with a key and tight limits; shared with test_remote and
the desktop test); test_base_model serves a tiny random base model. Answers are short (max_tokens of a few tokens) so that the whole file stays well under a minute of work.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from contextlib import contextmanager

import httpx
import openai
import pytest

from runtime.engine import GenerationOptions
from runtime.engine.reasoning import Reasoned, split_reasoning
from runtime.engine.remote import RemoteEngine
from runtime.errors import ServerSetupError
from runtime.server.config import ServerConfig
from runtime.server.run import BackgroundServer
from runtime.store import HistoryStore
from tests.runtime.scripted_engine import ScriptedEngine
from tests.served import KEY, MODEL, ROOT

pytestmark = pytest.mark.slow

QUESTION = [{"role": "user", "content": "What is the capital of France? Answer in one sentence."}]


def test_chat_answers_with_usage_counts(client, default_engine):
    answer = client.chat.completions.create(model=MODEL, messages=QUESTION, temperature=0, max_tokens=20)
    assert "Paris" in answer.choices[0].message.content
    assert answer.choices[0].finish_reason == "stop"
    assert answer.usage.prompt_tokens == default_engine.count_chat_tokens(QUESTION)
    assert 0 < answer.usage.completion_tokens <= 20
    assert answer.usage.total_tokens == answer.usage.prompt_tokens + answer.usage.completion_tokens


def test_streamed_answer_is_the_whole_answer_in_pieces(client):
    whole = client.chat.completions.create(model=MODEL, messages=QUESTION, temperature=0, max_tokens=6)
    stream = client.chat.completions.create(model=MODEL, messages=QUESTION, temperature=0, max_tokens=6, stream=True,
                                            stream_options={"include_usage": True})
    chunks = list(stream)
    pieces = [chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices]
    assert len([piece for piece in pieces if piece]) > 1
    assert "".join(pieces) == whole.choices[0].message.content
    assert [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices][-1] == "length"
    assert chunks[-1].usage.completion_tokens == 6 == whole.usage.completion_tokens


def test_stop_string_ends_the_answer_before_it(client):
    answer = client.chat.completions.create(model=MODEL, messages=QUESTION, temperature=0, max_tokens=20, stop=["Paris"])
    assert "Paris" not in answer.choices[0].message.content
    assert answer.choices[0].finish_reason == "stop"


def test_a_seed_makes_sampling_reproducible(client):
    def sample():
        return client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Name an animal."}],
                                              temperature=1.5, seed=11, max_tokens=8).choices[0].message.content

    assert sample() == sample()


def test_eight_clients_at_once_each_get_their_own_answer(client, default_engine):
    prompts = [[{"role": "user", "content": f"Say the number {number}."}] for number in range(8)]
    alone = [default_engine.chat(messages, GenerationOptions(temperature=0, max_new_tokens=4)).text() for messages in prompts]
    together: list[str | None] = [None] * 8

    def ask(index):
        together[index] = client.chat.completions.create(model=MODEL, messages=prompts[index], temperature=0,
                                                         max_tokens=4).choices[0].message.content

    threads = [threading.Thread(target=ask, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert together == alone
    assert len(set(alone)) > 1  # the answers differ, so a mix-up would show


def test_a_client_leaving_mid_stream_cancels_its_answer_and_frees_the_engine(open_server, client):
    url, home = open_server
    request = {"model": MODEL, "messages": [{"role": "user", "content": "Tell me a very long story."}], "max_tokens": 64,
               "stream": True}
    with httpx.stream("POST", f"{url}/chat/completions", json=request, timeout=60) as response:
        lines = response.iter_lines()
        received = [line for line, _ in zip(lines, range(6)) if line.startswith("data:")]
    assert len(received) >= 3
    after = client.chat.completions.create(model=MODEL, messages=QUESTION, temperature=0, max_tokens=3)
    assert after.choices[0].finish_reason == "length"
    with HistoryStore.open(home / "data" / "history.db") as store:
        answers = [message for conversation in store.list_conversations()
                   if conversation.title == "Tell me a very long story."
                   for message in store.active_branch(conversation.id) if message.role == "assistant"]
    assert len(answers) == 1 and answers[0].finish_reason == "cancelled"
    assert answers[0].completion_tokens < 64  # stopped early: the answer allowed 64 tokens


def test_served_conversations_are_recorded_only_with_history(open_server, client):
    _url, home = open_server
    client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Remember the word teal."}],
                                   max_tokens=3)
    with HistoryStore.open(home / "data" / "history.db") as store:
        titles = [conversation.title for conversation in store.list_conversations()]
    assert "Remember the word teal." in titles


def test_bad_requests_get_clear_errors_and_the_server_stays_up(open_server, client):
    url, _home = open_server
    malformed = httpx.post(f"{url}/chat/completions", content=b"{not json", timeout=10)
    assert malformed.status_code == 400 and malformed.json()["error"]["code"] == "invalid_json"
    too_big = httpx.post(f"{url}/chat/completions", content=b"x" * 1_100_000, timeout=10)
    assert too_big.status_code == 413
    over_limit = httpx.post(f"{url}/chat/completions", json={"messages": QUESTION, "max_tokens": 65}, timeout=10)
    assert over_limit.status_code == 400 and "64" in over_limit.json()["error"]["message"]
    penalty = httpx.post(f"{url}/chat/completions", json={"messages": QUESTION, "presence_penalty": 1}, timeout=10)
    assert penalty.status_code == 400 and penalty.json()["error"]["param"] == "presence_penalty"
    assert [model.id for model in client.models.list()] == [MODEL]
    assert client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Paris is", max_tokens=2).model == MODEL


@contextmanager
def scripted_server(reply: str, **config):
    """An in-process server on a free port over a scripted engine answering ``reply``: (engine, base URL)."""
    engine = ScriptedEngine(lambda messages: reply)
    server = BackgroundServer(engine, ServerConfig(port=0, **config))
    server.start()
    try:
        yield engine, server.url
    finally:
        server.stop()


THINKING = "The user asks for a capital."
THOUGHTFUL = f"<think>\n{THINKING}\n</think>\n\nParis is the capital."


def test_thinking_goes_to_reasoning_content_whole_and_streamed():
    with scripted_server(THOUGHTFUL) as (_engine, url):
        client = openai.OpenAI(base_url=url, api_key="unused", max_retries=0)
        whole = client.chat.completions.create(model=MODEL, messages=QUESTION)
        chunks = list(client.chat.completions.create(model=MODEL, messages=QUESTION, stream=True))
        through_remote = RemoteEngine(url).chat(QUESTION).text()
    message = whole.choices[0].message
    assert (message.content, message.reasoning_content) == ("Paris is the capital.", THINKING)
    deltas = [chunk.choices[0].delta for chunk in chunks if chunk.choices]
    assert "".join(getattr(delta, "reasoning_content", None) or "" for delta in deltas) == THINKING
    assert "".join(delta.content or "" for delta in deltas) == "Paris is the capital."
    assert split_reasoning(through_remote) == Reasoned(THINKING, "Paris is the capital.")  # a Penna client keeps it


def test_thinking_can_be_turned_off_as_vllm_and_llama_cpp_clients_ask():
    with scripted_server("Paris.") as (engine, url):
        client = openai.OpenAI(base_url=url, api_key="unused", max_retries=0)
        client.chat.completions.create(model=MODEL, messages=QUESTION,
                                       extra_body={"chat_template_kwargs": {"enable_thinking": False}})
        asked_off = engine.calls[-1][1].thinking
        RemoteEngine(url).chat(QUESTION, GenerationOptions(thinking=False)).text()
        remote_asked_off = engine.calls[-1][1].thinking
        with pytest.raises(openai.BadRequestError, match="enable_thinking only"):
            client.chat.completions.create(model=MODEL, messages=QUESTION, extra_body={"chat_template_kwargs": {"tools": 1}})
    assert asked_off is False and remote_asked_off is False


def test_any_model_name_is_answered_by_the_served_model_which_the_answer_names():
    with scripted_server("Paris.") as (_engine, url):
        client = openai.OpenAI(base_url=url, api_key="unused", max_retries=0)
        answers = [client.chat.completions.create(model=name, messages=QUESTION) for name in ("gpt-4o-mini", "default")]
    assert [answer.choices[0].message.content for answer in answers] == ["Paris.", "Paris."]
    assert [answer.model for answer in answers] == ["scripted", "scripted"]


def test_a_key_is_needed_on_every_request(guarded_server):
    with pytest.raises(openai.AuthenticationError, match="Incorrect API key"):
        openai.OpenAI(base_url=guarded_server, api_key="wrong", max_retries=0).models.list()
    missing = httpx.post(f"{guarded_server}/chat/completions", json={"messages": QUESTION}, timeout=10)
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "invalid_api_key"
    client = openai.OpenAI(base_url=guarded_server, api_key=KEY, max_retries=0)
    assert client.chat.completions.create(model=MODEL, messages=QUESTION, max_tokens=2).usage.completion_tokens == 2


def test_a_full_queue_answers_429_with_retry_after():
    """A scripted engine holds the first answer until the test lets it go, so the queue is full when the third
    request arrives however busy the machine is (the real model's answer could end before it did)."""
    release = threading.Event()
    engine = ScriptedEngine(lambda messages: "Paris is the capital.", on_delta=release.wait)
    server = BackgroundServer(engine, ServerConfig(port=0, max_waiting=1))
    server.start()
    statuses = []
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            with http.stream("POST", "/chat/completions", json={"messages": QUESTION, "stream": True}) as running:
                lines = running.iter_lines()
                next(lines)  # the first request holds the engine until `release`
                waiting = threading.Thread(target=lambda: statuses.append(
                    http.post("/chat/completions", json={"messages": QUESTION}).status_code))
                waiting.start()
                while not statuses and _queued(http, server.url) == 0:
                    pass
                refused = http.post("/chat/completions", json={"messages": QUESTION})
                release.set()
                assert "Paris" in "".join(lines)
            waiting.join(60)
    finally:
        release.set()
        server.stop()
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert refused.json()["error"]["type"] == "rate_limit_error"
    assert statuses == [200]  # the one that waited its turn was served


def _queued(http: httpx.Client, url: str) -> int:
    return http.get(url.removesuffix("/v1") + "/health").json()["waiting"]


def test_an_exposed_address_needs_a_key_before_anything_loads():
    result = subprocess.run([sys.executable, "-m", "runtime.cli", "serve", "--host", "0.0.0.0"], check=False, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "needs a key" in result.stderr and "Traceback" not in result.stderr


def test_cors_only_for_origins_asked_and_a_busy_port_is_a_clear_error(open_server):
    """In-process servers on free ports of 127.0.0.1, over a RemoteEngine on the subprocess server (cheap to start)."""
    engine = RemoteEngine(open_server[0])
    allowed = {}
    for origins in ([], ["http://app.example"]):
        server = BackgroundServer(engine, ServerConfig(port=0, cors_origins=origins))
        server.start()
        try:
            response = httpx.get(f"{server.url}/models", headers={"Origin": "http://app.example"}, timeout=10)
            allowed[bool(origins)] = response.headers.get("access-control-allow-origin")
        finally:
            server.stop()
    assert allowed == {False: None, True: "http://app.example"}
    busy_port = int(open_server[0].rsplit(":", 1)[1].split("/")[0])
    with pytest.raises(ServerSetupError, match="Cannot listen on 127.0.0.1"):
        BackgroundServer(engine, ServerConfig(port=busy_port))
