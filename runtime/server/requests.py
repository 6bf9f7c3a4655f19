"""Reading a request: the body (bounded in size), its JSON, and the OpenAI parameters mapped onto GenerationOptions.

A parameter Penna cannot honour is refused with a 400 that says so, never silently ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.requests import Request

from runtime.engine import GenerationOptions
from runtime.server.errors import APIError, bad_request

ROLES = ("system", "user", "assistant")
MAX_STOPS = 4


@dataclass
class ParsedRequest:
    body: dict
    options: GenerationOptions
    stream: bool
    include_usage: bool


async def read_json(request: Request, max_bytes: int) -> dict:
    """The body as a JSON object; 413 past ``max_bytes`` (checked as it arrives, not only by Content-Length)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(max_bytes)
    try:
        value = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise bad_request(f"The request body is not valid JSON ({error}).", code="invalid_json") from error
    if not isinstance(value, dict):
        raise bad_request("The request body must be a JSON object.", code="invalid_json")
    return value


def _too_large(max_bytes: int) -> APIError:
    return APIError(413, f"The request body is larger than this server accepts ({max_bytes} bytes).",
                    code="request_too_large")


def chat_messages(body: dict) -> list[dict]:
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise bad_request("'messages' must be a non-empty list of {role, content} objects.", param="messages")
    return [_message(message, index) for index, message in enumerate(messages)]


def _message(message: object, index: int) -> dict:
    param = f"messages[{index}]"
    if not isinstance(message, dict) or message.get("role") not in ROLES + ("developer",):
        raise bad_request(f"{param} must be an object whose role is one of {', '.join(ROLES)}.", param=param)
    role = "system" if message["role"] == "developer" else message["role"]
    return {"role": role, "content": _content(message.get("content"), param)}


def _content(content: object, param: str) -> str:
    """A string, or OpenAI's list of parts of which only text parts can be taken (this is a text model)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list) and all(isinstance(part, dict) and part.get("type") == "text"
                                         and isinstance(part.get("text"), str) for part in content):
        return "".join(part["text"] for part in content)
    raise bad_request(f"{param}.content must be text (a string or a list of text parts); this model reads text only.",
                      param=f"{param}.content")


def completion_prompt(body: dict) -> str:
    prompt = body.get("prompt")
    if isinstance(prompt, list) and len(prompt) == 1 and isinstance(prompt[0], str):
        prompt = prompt[0]
    if not isinstance(prompt, str):
        raise bad_request("'prompt' must be a string (one prompt per request).", param="prompt")
    return prompt


def parse_request(body: dict, max_tokens_limit: int) -> ParsedRequest:
    """The generation options and streaming mode of a chat or completion request."""
    _refuse_unsupported(body)
    defaults = GenerationOptions()
    max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
    max_tokens = max_tokens_limit if max_tokens is None else _integer(max_tokens, "max_tokens", 1)
    if max_tokens > max_tokens_limit:
        raise bad_request(f"max_tokens is {max_tokens}, above this server's limit of {max_tokens_limit} tokens per "
                          "request.", param="max_tokens")
    options = GenerationOptions(
        max_new_tokens=max_tokens,
        min_new_tokens=min(_integer(body.get("min_tokens", 0), "min_tokens", 0), max_tokens),  # as vLLM names it
        temperature=_number(body.get("temperature", defaults.temperature), "temperature", 0.0, 2.0),
        top_p=_number(body.get("top_p", defaults.top_p), "top_p", 0.0, 1.0) or 1.0,
        top_k=_integer(body.get("top_k", defaults.top_k), "top_k", 0),
        repetition_penalty=_number(body.get("repetition_penalty", defaults.repetition_penalty),
                                   "repetition_penalty", 0.01, 10.0),
        seed=None if body.get("seed") is None else _integer(body["seed"], "seed", 0),
        stop=_stops(body.get("stop")),
        thinking=_thinking(body.get("chat_template_kwargs")),
    )
    stream = body.get("stream", False)
    if not isinstance(stream, bool):
        raise bad_request("'stream' must be true or false.", param="stream")
    stream_options = body.get("stream_options") or {}
    include_usage = bool(isinstance(stream_options, dict) and stream_options.get("include_usage"))
    return ParsedRequest(body, options, stream, include_usage)


def _refuse_unsupported(body: dict) -> None:
    for name in ("presence_penalty", "frequency_penalty"):
        if body.get(name) not in (None, 0, 0.0):
            raise bad_request(f"{name} is not supported by this server; use repetition_penalty (1 = off, "
                              "default 1.1) instead.", param=name, code="unsupported_parameter")
    if body.get("n", 1) != 1:
        raise bad_request("Only n=1 is supported: send one request per answer.", param="n", code="unsupported_parameter")
    for name in ("tools", "functions", "logprobs", "echo", "suffix", "logit_bias"):
        if body.get(name) not in (None, False, [], {}):
            raise bad_request(f"{name} is not supported by this server.", param=name, code="unsupported_parameter")


def _thinking(template_options: object) -> bool:
    """``chat_template_kwargs`` as vLLM and llama.cpp's server take it; Penna honours ``enable_thinking`` only."""
    if template_options is None:
        return True
    if not isinstance(template_options, dict) or not isinstance(template_options.get("enable_thinking", True), bool):
        raise bad_request("'chat_template_kwargs' must be an object such as {\"enable_thinking\": false}.",
                          param="chat_template_kwargs")
    if other := sorted(set(template_options) - {"enable_thinking"}):
        raise bad_request(f"chat_template_kwargs {', '.join(other)} is not supported by this server; it takes "
                          "enable_thinking only.", param="chat_template_kwargs", code="unsupported_parameter")
    return template_options.get("enable_thinking", True)


def _number(value: object, name: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise bad_request(f"{name} must be a number from {low:g} to {high:g}.", param=name)
    return float(value)


def _integer(value: object, name: str, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise bad_request(f"{name} must be an integer of at least {low}.", param=name)
    return value


def _stops(value: object) -> tuple[str, ...]:
    stops = [value] if isinstance(value, str) else value if value is not None else []
    if not isinstance(stops, list) or len(stops) > MAX_STOPS or not all(isinstance(stop, str) for stop in stops):
        raise bad_request(f"'stop' must be a string or a list of up to {MAX_STOPS} strings.", param="stop")
    return tuple(stops)
