"""Base models (no chat template): Engine.complete continues text, `penna generate` uses it, and `penna serve`
answers /v1/completions but refuses /v1/chat/completions clearly. A tiny random llama built here stands in."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
import openai
import pytest

from runtime import models
from runtime.engine import Engine, GenerationOptions
from runtime.errors import UnsupportedModelError
from runtime.export import ensure_exported
from tests.runtime.test_parity import build_tiny_model
from tests.served import ROOT, running_server

PROMPT = "t5 t17 t42"
GREEDY = GenerationOptions(temperature=0, max_new_tokens=6, repetition_penalty=1.0)


@pytest.fixture(scope="module")
def base_model(tmp_path_factory):
    """(home, model name, engine): the tiny model registered and exported in a PENNA_HOME of its own."""
    home = tmp_path_factory.mktemp("base-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PENNA_HOME", str(home))
        folder = home / "tiny-base"
        build_tiny_model("llama", folder, chat_template=None)
        name = models.add_model(str(folder)).name
        engine = Engine(ensure_exported(name), device="cpu")
    return home, name, engine


def test_a_base_model_continues_text_and_refuses_chat(base_model):
    _home, _name, engine = base_model
    assert not engine.is_chat_model
    generation = engine.complete(PROMPT, GREEDY)
    assert generation.text().strip()
    assert generation.stats.completion_tokens == 6
    assert generation.stats.prompt_tokens == len(engine.tokenizer.encode_prompt(PROMPT))
    with pytest.raises(UnsupportedModelError, match="base model"):
        engine.chat([{"role": "user", "content": PROMPT}])


def test_penna_generate_continues_text_on_a_base_model(base_model):
    home, name, engine = base_model
    result = subprocess.run([sys.executable, "-m", "runtime.cli", "--device", "cpu", "--model", name, "generate", PROMPT,
                             "--temperature", "0", "--repetition-penalty", "1", "--max-new-tokens", "6", "--no-history"],
                            check=False, cwd=ROOT, env={**os.environ, "PENNA_HOME": str(home)}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == engine.complete(PROMPT, GREEDY).text().strip()


def test_serve_answers_completions_on_a_base_model_and_refuses_chat(base_model):
    home, name, engine = base_model
    with running_server(home, global_args=("--model", name)) as (url, _process):
        client = openai.OpenAI(base_url=url, api_key="unused", max_retries=0)
        completion = client.completions.create(model=name, prompt=PROMPT, temperature=0, max_tokens=6,
                                               extra_body={"repetition_penalty": 1.0})
        streamed = client.completions.create(model=name, prompt=PROMPT, temperature=0, max_tokens=6, stream=True,
                                             extra_body={"repetition_penalty": 1.0})
        pieces = [chunk.choices[0].text for chunk in streamed if chunk.choices]
        chat = httpx.post(f"{url}/chat/completions", json={"messages": [{"role": "user", "content": PROMPT}]}, timeout=10)
    assert completion.choices[0].text == engine.complete(PROMPT, GREEDY).text() == "".join(pieces)
    assert completion.usage.completion_tokens == 6 and completion.choices[0].finish_reason == "length"
    assert chat.status_code == 400 and chat.json()["error"]["code"] == "not_a_chat_model"
