"""``penna serve``: the OpenAI-compatible HTTP API over one engine (Starlette on uvicorn, SSE for streaming).

config holds the options and the rule on where it may listen; app builds the application; routes holds the
endpoints; requests reads and checks request bodies; queue makes requests take turns on the engine; events
streams a generation as server-sent events; shapes builds OpenAI's bodies; errors answers in OpenAI's error
shape; history records served conversations when asked; run serves on uvicorn. Importing this package, or
config, imports no web stack (the CLI reads the defaults).
"""
