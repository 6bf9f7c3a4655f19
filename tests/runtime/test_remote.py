"""RemoteEngine against a real ``penna serve`` on 127.0.0.1: the Engine interface, the tasks and the CLI on it,
and each way a remote server can fail (unreachable, wrong key, unknown model, killed mid-answer)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from runtime.chat import Chat
from runtime.engine import GenerationOptions
from runtime.engine.remote import RemoteEngine, list_models
from runtime.errors import ModelNotFoundError, RemoteAnswerError, RemoteAuthError, RemoteUnreachableError
from runtime.store import HistoryStore
from tests.served import KEY, MODEL, ROOT, free_port, running_server, server_home

pytestmark = pytest.mark.slow

QUESTION = [{"role": "user", "content": "What is the capital of France? Answer in one sentence."}]
GREEDY = GenerationOptions(temperature=0, max_new_tokens=20)


@pytest.fixture(scope="module")
def remote(open_server):
    engine = RemoteEngine(open_server[0])
    yield engine
    engine.close()


def test_remote_chat_streams_the_servers_answer_with_its_figures(remote, default_engine):
    assert (remote.model_name, remote.context_length) == (MODEL, default_engine.context_length)
    generation = remote.chat(QUESTION, GREEDY)
    deltas = list(generation)
    assert len(deltas) > 1 and "Paris" in "".join(deltas)
    assert "".join(deltas) == default_engine.chat(QUESTION, GREEDY).text()
    assert generation.stats.prompt_tokens == default_engine.count_chat_tokens(QUESTION)  # the server's usage
    assert generation.stats.finish_reason == "stop"


def test_cancel_stops_a_remote_answer(remote):
    generation = remote.chat([{"role": "user", "content": "Tell me a long story."}], GenerationOptions(max_new_tokens=60))
    for index, _ in enumerate(generation):
        if index == 1:
            generation.cancel()
    assert generation.stats.finish_reason == "cancelled"


def test_estimated_counts_err_high_for_english(remote, default_engine):
    text = "The quick brown fox jumps over the lazy dog, and then it runs far away into the forest."
    assert default_engine.count_tokens(text) <= remote.count_tokens(text) <= 2 * default_engine.count_tokens(text)


def test_translate_task_runs_on_a_remote_engine(remote):
    from runtime.tasks.translate import translate

    translation = translate(remote, "Bonjour.", target="en", source="fr")
    assert translation.text().strip()
    assert translation.finished


def test_cli_generates_through_a_remote_server(open_server, default_engine):
    result = subprocess.run([sys.executable, "-m", "runtime.cli", "--remote", open_server[0], "generate",
                             QUESTION[0]["content"], "--temperature", "0", "--max-new-tokens", "20", "--no-history"],
                            check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == default_engine.chat(QUESTION, GREEDY).text().strip()


def test_unreachable_server_fails_fast_and_clearly():
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(RemoteUnreachableError, match="Cannot reach"):
        RemoteEngine(url)
    result = subprocess.run([sys.executable, "-m", "runtime.cli", "--remote", url, "generate", "hi"],
                            check=False, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Cannot reach" in result.stderr and "Traceback" not in result.stderr


def test_wrong_key_and_unknown_model_are_clear_errors(guarded_server):
    with pytest.raises(RemoteAuthError, match="refused the API key"):
        RemoteEngine(guarded_server, api_key="wrong")
    with pytest.raises(ModelNotFoundError, match="no model 'gpt-7'"):
        RemoteEngine(guarded_server, api_key=KEY, model="gpt-7")
    assert [entry["id"] for entry in list_models(guarded_server, KEY)] == [MODEL]


def test_server_killed_mid_answer_keeps_the_partial_answer_marked(penna_home, default_export, tmp_path):
    home = server_home(penna_home, tmp_path / "home")
    with running_server(home) as (url, process), HistoryStore.open(tmp_path / "history.db") as store:
        chat = Chat(store, RemoteEngine(url))
        chat.send("Tell me a long story.")
        turn = chat.begin_answer(GenerationOptions(max_new_tokens=500))
        received = []

        def kill_after_three(delta: str) -> None:
            received.append(delta)
            if len(received) == 3:
                process.kill()

        with pytest.raises(RemoteAnswerError, match="stopped in the middle of the answer"):
            chat.stream(turn, kill_after_three)
        answer = store.active_branch(chat.conversation_id)[-1]
    assert answer.finish_reason == "error"
    assert answer.content == "".join(received) and len(received) >= 3
