"""Drives the server with the official OpenAI Python client and prints what it saw as one JSON object.

Usage: python openai_client_check.py BASE_URL   (e.g. http://127.0.0.1:8081/v1)
OpenAiPythonClientTest runs it against the server on the real model and asserts on the output.
"""
import json
import sys

import openai
from openai import OpenAI

client = OpenAI(base_url=sys.argv[1], api_key="unused", max_retries=0, timeout=120)
question = [{"role": "user", "content": "What is the capital of France?"}]
out = {"client_version": openai.__version__}


def error_of(call):
    """The status, param and code of the API error a call raises (None when it succeeds)."""
    try:
        call()
    except openai.APIStatusError as e:
        body = e.body if isinstance(e.body, dict) else {}
        return {"status": e.status_code, "param": body.get("param"), "code": body.get("code"),
                "message": body.get("message")}
    return None


chat = client.chat.completions.create(model="local", messages=question, max_tokens=8, temperature=0, n=2)
out["chat"] = {"choices": [c.message.content for c in chat.choices], "indexes": [c.index for c in chat.choices],
               "finish": [c.finish_reason for c in chat.choices], "usage": chat.usage.model_dump()}

# one choice, alone like the stream below: the same numerics (n=2 choices run batched, which may part at a near tie)
single = client.chat.completions.create(model="local", messages=question, max_tokens=8, temperature=0)
out["single"] = single.choices[0].message.content

pieces, usage_chunks, finish = [], [], None
for chunk in client.chat.completions.create(model="local", messages=question, max_tokens=8, temperature=0,
                                            stream=True, stream_options={"include_usage": True}):
    if chunk.usage is not None:
        usage_chunks.append({"usage": chunk.usage.model_dump(), "choices": len(chunk.choices)})
    for c in chunk.choices:
        pieces.append(c.delta.content or "")
        finish = c.finish_reason or finish
out["stream"] = {"text": "".join(pieces), "usage_chunks": usage_chunks, "finish": finish}

schema = {"type": "object", "properties": {"city": {"type": "string", "enum": ["Paris", "London", "Rome"]}},
          "required": ["city"], "additionalProperties": False}
shaped = client.chat.completions.create(
    model="local", messages=question, max_tokens=24, temperature=0,
    response_format={"type": "json_schema", "json_schema": {"name": "answer", "schema": schema, "strict": True}})
out["json_schema"] = shaped.choices[0].message.content

legacy = client.completions.create(model="local", prompt="The capital of France is", max_tokens=6, temperature=0)
out["completion"] = {"object": legacy.object, "text": legacy.choices[0].text, "finish": legacy.choices[0].finish_reason,
                     "usage": legacy.usage.model_dump()}
streamed = client.completions.create(model="local", prompt="The capital of France is", max_tokens=6, temperature=0,
                                     stream=True)
out["completion_stream"] = "".join(c.choices[0].text for c in streamed if c.choices)

out["errors"] = {
    "max_tokens": error_of(lambda: client.chat.completions.create(model="local", messages=question, max_tokens=-1)),
    "unknown": error_of(lambda: client.chat.completions.create(model="local", messages=question,
                                                               extra_body={"frobnicate": 1})),
    "logprobs": error_of(lambda: client.chat.completions.create(model="local", messages=question, logprobs=True)),
    "context": error_of(lambda: client.chat.completions.create(
        model="local", messages=[{"role": "user", "content": "lighthouse " * 6000}], max_tokens=8)),
}
print(json.dumps(out))
