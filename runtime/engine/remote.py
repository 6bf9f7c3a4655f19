"""RemoteEngine: the Engine interface over an OpenAI-compatible server (vLLM, TGI, Ollama, llama.cpp's server,
another ``penna serve``), so that the tasks, the CLI and the window run on it unchanged.

Token counts: there is no local tokenizer for a remote model, so ``count_tokens`` is an estimate (one token per
three bytes of UTF-8: about 30% more than English text takes, about right for CJK). Callers use counts to budget
chunks and the context, where erring high is safe; the figures of a finished answer come from the server's usage.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterator
from typing import Any

import httpx

from runtime.engine.context import fit_messages
from runtime.engine.batch import one_by_one
from runtime.engine.generation import Generation, GenerationStats
from runtime.engine.reasoning import THINK_CLOSE, THINK_OPEN
from runtime.engine.sampling import GenerationOptions
from runtime.errors import ModelNotFoundError, RemoteAnswerError, RemoteAuthError, RemoteError, RemoteUnreachableError

CONNECT_TIMEOUT_S = 3.0  # an unreachable host fails fast
READ_TIMEOUT_S = 120.0  # a remote prefill of a long prompt can take a while
DEFAULT_CONTEXT = 4096  # when the server does not say (vLLM says max_model_len; penna serve says it too)
MESSAGE_OVERHEAD_TOKENS = 4  # role and separators around each message in a chat template


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text.encode("utf-8")) / 3)


def base_url(url: str) -> str:
    """``http://host:port``, ``.../v1`` or ``.../v1/`` all mean the API root ``.../v1``."""
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        url = "http://" + url
    return url if url.endswith("/v1") else url + "/v1"


def _client(url: str, api_key: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    return httpx.Client(base_url=base_url(url), headers=headers,
                        timeout=httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S))


def list_models(url: str, api_key: str | None = None) -> list[dict]:
    """The models a server offers (its GET /v1/models entries); RemoteError subclasses when it cannot say."""
    with _client(url, api_key) as http:
        return _models(http)


def _models(http: httpx.Client) -> list[dict]:
    response = _send(http, "GET", "/models")
    return [entry for entry in response.json().get("data", []) if isinstance(entry, dict) and "id" in entry]


def _send(http: httpx.Client, method: str, path: str, **kwargs: Any) -> httpx.Response:
    try:
        response = http.request(method, path, **kwargs)
    except httpx.TransportError as error:
        raise _unreachable(http, error) from error
    _check(response, http)
    return response


def _unreachable(http: httpx.Client, error: Exception) -> RemoteUnreachableError:
    return RemoteUnreachableError(f"Cannot reach the server at {http.base_url} ({type(error).__name__}: {error}). Check "
                                  "the address and port, and that the server is running and reachable from here.")


def _check(response: httpx.Response, http: httpx.Client) -> None:
    if response.is_success:
        return
    response.read()
    message = _error_message(response)
    if response.status_code in (401, 403):
        raise RemoteAuthError(f"The server at {http.base_url} refused the API key ({message}). Check the key in "
                              "Settings, or --api-key.")
    if response.status_code == 404 and "model" in message.lower():
        raise ModelNotFoundError(f"The server at {http.base_url} does not have that model ({message}). Choose one it "
                                 "lists (GET /v1/models).")
    raise RemoteError(f"The server at {http.base_url} answered {response.status_code}: {message}")


def _error_message(response: httpx.Response) -> str:
    try:
        error = response.json().get("error")
    except (json.JSONDecodeError, AttributeError):
        return response.text[:300] or response.reason_phrase
    return str(error.get("message") if isinstance(error, dict) else error)


class RemoteEngine:
    """An engine (runtime.engine.EngineProtocol) answered by a server. ``model=None`` takes the first model it lists."""

    device = "remote"
    precision = "remote"
    fallback_reason: str | None = None
    is_chat_model = True  # the API cannot tell; a server refuses chat for a base model itself

    def __init__(self, url: str, api_key: str | None = None, model: str | None = None) -> None:
        self._http = _client(url, api_key)
        self.url = str(self._http.base_url).rstrip("/")
        models = _models(self._http)
        if not models:
            raise ModelNotFoundError(f"The server at {self.url} lists no models.")
        entry = models[0] if model is None else next((entry for entry in models if entry["id"] == model), None)
        if entry is None:
            listed = ", ".join(entry["id"] for entry in models)
            raise ModelNotFoundError(f"The server at {self.url} has no model '{model}'. It offers: {listed}.")
        self.model_name: str = entry["id"]
        self.context_length: int = int(entry.get("max_model_len") or entry.get("context_length") or DEFAULT_CONTEXT)

    def close(self) -> None:
        self._http.close()

    def count_tokens(self, text: str) -> int:
        """An estimate (see the module's docstring)."""
        return estimate_tokens(text)

    def count_chat_tokens(self, messages: list[dict[str, str]]) -> int:
        """An estimate (see the module's docstring)."""
        return sum(estimate_tokens(message["content"]) + MESSAGE_OVERHEAD_TOKENS for message in messages)

    def chat(self, messages: list[dict[str, str]], options: GenerationOptions | None = None) -> Generation[str]:
        options = options or GenerationOptions()
        fitted = fit_messages(messages, self.count_chat_tokens, self.context_length, options.max_new_tokens)
        body = {"messages": fitted.messages}
        return Generation(lambda generation: self._stream(generation, "/chat/completions", body, options,
                                                          self.count_chat_tokens(fitted.messages)), fitted.dropped_turns)

    def chat_batch(self, conversations: list[list[dict[str, str]]], options: GenerationOptions | None = None,
                   ) -> Generation[tuple[int, str]]:
        """Answers to several conversations, asked one after another (see Engine.chat_batch)."""
        return one_by_one(self.chat, conversations, options or GenerationOptions())

    def complete(self, prompt: str, options: GenerationOptions | None = None) -> Generation[str]:
        """Continue plain text (a base model) through /v1/completions."""
        options = options or GenerationOptions()
        return Generation(lambda generation: self._stream(generation, "/completions", {"prompt": prompt}, options,
                                                          estimate_tokens(prompt)))

    def _payload(self, body: dict, options: GenerationOptions) -> dict:
        payload = {"model": self.model_name, **body, "stream": True, "stream_options": {"include_usage": True},
                   "max_tokens": options.max_new_tokens, "temperature": options.temperature, "top_p": options.top_p,
                   # not in OpenAI's API, but vLLM, llama.cpp and penna serve take them (Ollama ignores them)
                   "top_k": options.top_k, "repetition_penalty": options.repetition_penalty}
        if options.seed is not None:
            payload["seed"] = options.seed
        if options.stop:
            payload["stop"] = list(options.stop)
        if not options.thinking and "messages" in body:
            payload["chat_template_kwargs"] = {"enable_thinking": False}  # as vLLM, llama.cpp and penna serve take it
        return payload

    def _stream(self, generation: Generation[str], path: str, body: dict, options: GenerationOptions,
                estimated_prompt_tokens: int) -> Iterator[str]:
        started = time.perf_counter()
        first_at, pieces, finish, usage = None, 0, None, None
        thinking = False  # inside thinking the server sent apart (reasoning_content), given back between its tags
        try:
            with self._http.stream("POST", path, json=self._payload(body, options)) as response:
                _check(response, self._http)
                for chunk in _events(response):
                    if generation.cancelled:
                        finish = "cancelled"
                        break  # leaving the block closes the connection: the server stops generating
                    usage = chunk.get("usage") or usage
                    for choice in chunk.get("choices") or []:
                        delta = choice.get("delta") or {}
                        text, thought = delta.get("content") or choice.get("text") or "", ""
                        if reasoning := delta.get("reasoning_content"):
                            thought, thinking = (reasoning if thinking else THINK_OPEN + reasoning), True
                        if text and thinking:
                            thought, thinking = f"{thought}{THINK_CLOSE}\n\n", False
                        text = thought + text
                        finish = choice.get("finish_reason") or finish
                        if text:
                            pieces += 1
                            first_at = first_at or time.perf_counter()
                            yield text
        except httpx.TransportError as error:
            if first_at is None and pieces == 0 and isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout)):
                raise _unreachable(self._http, error) from error
            raise RemoteAnswerError(f"The server at {self.url} stopped in the middle of the answer ({error or type(error).__name__}). "
                                    "What arrived is kept; try again.") from error
        if finish is None:
            raise RemoteAnswerError(f"The server at {self.url} closed the answer before finishing it. What arrived is "
                                    "kept; try again.")
        ended = time.perf_counter()
        first_at = first_at or ended
        completion = (usage or {}).get("completion_tokens", pieces)
        generation.stats = GenerationStats(
            prompt_tokens=(usage or {}).get("prompt_tokens", estimated_prompt_tokens), completion_tokens=completion,
            ttft_s=first_at - started,
            tokens_per_s=(completion - 1) / (ended - first_at) if completion > 1 and ended > first_at else 0.0,
            finish_reason="length" if finish == "length" else "cancelled" if finish == "cancelled" else "stop", dropped_turns=generation.dropped_turns)


def _events(response: httpx.Response) -> Iterator[dict]:
    """The JSON payloads of a server-sent event stream, up to ``[DONE]``; an error event raises."""
    for line in response.iter_lines():
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            return
        chunk = json.loads(data)
        if "error" in chunk:
            error = chunk["error"]
            raise RemoteAnswerError(f"The server failed in the middle of the answer: "
                                    f"{error.get('message') if isinstance(error, dict) else error}. What arrived is kept; try again.")
        yield chunk
