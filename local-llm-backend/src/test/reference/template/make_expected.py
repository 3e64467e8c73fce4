#!/usr/bin/env python3
"""Renders every chat template x conversation the way Hugging Face transformers' apply_chat_template does.

Writes src/test/resources/template/expected.json, read by JinjaChatTemplateReferenceTest. Needs only jinja2
(python3 -m venv /work/venvs/tmpl && /work/venvs/tmpl/bin/pip install jinja2). Run from local-llm-backend/:
    /work/venvs/tmpl/bin/python src/test/reference/template/make_expected.py

The environment mirrors transformers.utils.chat_template_utils._compile_jinja_template: an
ImmutableSandboxedEnvironment with trim_blocks, lstrip_blocks, the loopcontrols extension and a
{% generation %} tag, the tojson filter (ensure_ascii=False, indent, separators, sort_keys), and the globals
raise_exception and strftime_now. render() gets messages, tools (None when there are none), documents=None,
add_generation_prompt, bos_token and eos_token, as apply_chat_template passes them. strftime_now uses the fixed
date FIXED_NOW so the output is reproducible (the Java test sets the same clock).
"""
import json
import pathlib
from datetime import datetime

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = pathlib.Path(__file__).resolve().parent
MODULE = HERE.parents[3]
RESOURCES = MODULE / "src/test/resources/template"
MAIN_TEMPLATES = MODULE / "src/main/resources/dev/catena/llm/template"
FIXED_NOW = datetime(2025, 3, 14, 15, 9, 26)


class AssistantTracker(Extension):
    """{% generation %}...{% endgeneration %}: transformers renders the body unchanged."""
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", []), [], [], body).set_lineno(lineno)

    def _render(self, caller):
        return caller()


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(fmt):
    return FIXED_NOW.strftime(fmt)


def environment():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=[AssistantTracker, jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def main():
    spec = json.loads((RESOURCES / "conversations.json").read_text(encoding="utf-8"))
    env = environment()
    templates = {}
    for name, entry in spec["templates"].items():
        path = MODULE / entry["file"]
        templates[name] = (env.from_string(path.read_text(encoding="utf-8")), entry)
    results = {}
    for tname, (template, entry) in templates.items():
        for conv in spec["conversations"]:
            tools = spec["tools"] if conv.get("tools") else None
            for agp in conv["add_generation_prompt"]:
                key = f"{tname}|{conv['name']}|{str(agp).lower()}"
                try:
                    out = template.render(messages=conv["messages"], tools=tools, documents=None,
                                          add_generation_prompt=agp, bos_token=entry["bos_token"],
                                          eos_token=entry["eos_token"])
                    results[key] = {"output": out}
                except jinja2.exceptions.TemplateError as e:  # raise_exception(...) of the template itself
                    results[key] = {"error": str(e)}
                except Exception as e:  # a template bug on this input (e.g. iterating None): Python's own error
                    results[key] = {"python_error": f"{type(e).__name__}: {e}"}
    (RESOURCES / "expected.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                             encoding="utf-8")
    print(f"{len(results)} renderings, {sum('error' in r for r in results.values())} raised, "
          f"{sum('python_error' in r for r in results.values())} Python errors")


if __name__ == "__main__":
    main()
