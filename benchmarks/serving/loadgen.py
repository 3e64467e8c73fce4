#!/usr/bin/env python3
"""Load generator for an OpenAI-compatible server on this machine (127.0.0.1 only; Python stdlib only).

For each concurrency level C it starts C clients; each sends --requests-per-client streaming requests one after the
other (a fixed ~200-token prompt, made unique per request by a leading number so no server can reuse another
request's cache), asks for --max-tokens tokens and records when every streamed piece arrives. It reports, per
level: aggregate generated tokens per second (all completion tokens / wall time of the level), time to first token
p50/p99 and inter-token latency p50/p99 (gaps between successive streamed pieces). Bounded: C x
requests-per-client requests per level, no new request after --time-limit seconds, a socket timeout per request.

    python3 loadgen.py --url http://127.0.0.1:8081 --levels 1,4,8,16 --max-tokens 128 --json out.jsonl
"""
import argparse
import http.client
import json
import math
import os
import sys
import threading
import time
import urllib.parse

PARAGRAPH = (
    "The lighthouse keeper climbed the spiral stairs every evening before sunset, carrying a lantern, a notebook "
    "and a flask of tea. From the gallery he could see the whole bay: the fishing boats coming home, the gulls "
    "circling over the harbour wall, the slow ferry that crossed to the island twice a day. He wrote down the wind, "
    "the colour of the sky and the names of the ships he recognised. In winter the storms came from the west and "
    "the waves broke over the rocks below the tower, throwing spray as high as the lamp room. On those nights he "
    "did not sleep at all; he watched the beam turn and counted the seconds between the flashes, as his father had "
    "done before him. The village children said the tower was haunted, but he only ever heard the wind in the "
    "railings and the clock on the wall. One morning in March a small boat drifted into the cove with nobody on "
    "board, its sail torn and its oars missing, and the keeper rowed out to bring it in. Inside he found"
)


def percentile(values, q):
    """The q-th percentile (0-100) by linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * q / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


class Result:
    def __init__(self):
        self.ttft = None
        self.gaps = []
        self.tokens = 0
        self.pieces = 0
        self.error = None


def one_request(url, body, endpoint, timeout):
    """Sends one streaming request and times its pieces."""
    r = Result()
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    start = time.perf_counter()
    try:
        conn.request("POST", endpoint, body=json.dumps(body), headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        if resp.status != 200:
            r.error = "HTTP %d: %s" % (resp.status, resp.read(300).decode("utf-8", "replace"))
            return r
        last = None
        usage_tokens = None
        for raw in resp:
            line = raw.decode("utf-8", "replace").strip()
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                break
            chunk = json.loads(data)
            if "error" in chunk:
                r.error = str(chunk["error"])
                break
            if chunk.get("usage"):
                usage_tokens = chunk["usage"].get("completion_tokens")
            text = ""
            for c in chunk.get("choices") or []:
                text += c.get("text") or (c.get("delta") or {}).get("content") or ""
            if not text:
                continue
            now = time.perf_counter()
            if last is None:
                r.ttft = now - start
            else:
                r.gaps.append(now - last)
            last = now
            r.pieces += 1
        r.tokens = usage_tokens if usage_tokens is not None else r.pieces
    except Exception as e:  # a timeout or a dropped connection counts as an error of this request
        r.error = "%s: %s" % (type(e).__name__, e)
    finally:
        conn.close()
    return r


def run_level(args, level, counter):
    results = []
    lock = threading.Lock()
    deadline = time.perf_counter() + args.time_limit

    def client(cid):
        for i in range(args.requests_per_client):
            if time.perf_counter() > deadline:
                return
            with lock:
                counter[0] += 1
                n = counter[0]
            prompt = "Story %d. %s" % (n, PARAGRAPH)
            body = {"model": args.model, "max_tokens": args.max_tokens, "temperature": args.temperature,
                    "stream": True, "stream_options": {"include_usage": True}}
            if args.endpoint == "chat":
                body["messages"] = [{"role": "user", "content": prompt}]
            else:
                body["prompt"] = prompt
            body.update(args.extra)
            r = one_request(args.url, body, "/v1/chat/completions" if args.endpoint == "chat" else "/v1/completions",
                            args.request_timeout)
            with lock:
                results.append(r)

    threads = [threading.Thread(target=client, args=(c,)) for c in range(level)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    ok = [r for r in results if r.error is None]
    ttft = [r.ttft for r in ok if r.ttft is not None]
    gaps = [g for r in ok for g in r.gaps]
    tokens = sum(r.tokens for r in ok)
    return {
        "label": args.label, "concurrency": level, "requests": len(results), "errors": len(results) - len(ok),
        "first_error": next((r.error for r in results if r.error), None),
        "wall_s": round(wall, 2), "completion_tokens": tokens,
        "tokens_per_request": round(tokens / len(ok), 1) if ok else 0,
        "aggregate_tok_s": round(tokens / wall, 2) if wall > 0 else 0,
        "ttft_p50_ms": round(percentile(ttft, 50) * 1000, 1), "ttft_p99_ms": round(percentile(ttft, 99) * 1000, 1),
        "itl_p50_ms": round(percentile(gaps, 50) * 1000, 1), "itl_p99_ms": round(percentile(gaps, 99) * 1000, 1),
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="http://127.0.0.1:8081", help="server base URL (127.0.0.1 or localhost only)")
    p.add_argument("--model", default="local")
    p.add_argument("--endpoint", choices=["completions", "chat"], default="completions",
                   help="legacy completions send the raw prompt (no chat template), the same text to every server")
    p.add_argument("--levels", default="1,4,8,16", help="concurrency levels, comma-separated")
    p.add_argument("--requests-per-client", type=int, default=2)
    p.add_argument("--max-tokens", type=int, default=128)
    p.add_argument("--temperature", type=float, default=0.0)
    p.add_argument("--time-limit", type=float, default=300, help="seconds per level after which no request starts")
    p.add_argument("--request-timeout", type=float, default=600)
    p.add_argument("--extra", type=json.loads, default={}, help="JSON object merged into every request body")
    p.add_argument("--first-story", type=int, default=1,
                   help="number of the first prompt (a warm-up run should use others than the measured run)")
    p.add_argument("--label", default="")
    p.add_argument("--json", help="append one JSON line per level to this file")
    args = p.parse_args()
    host = urllib.parse.urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("loadgen: --url must point at this machine (127.0.0.1), got host '%s'" % host)
    levels = [int(x) for x in args.levels.split(",")]
    if any(level < 1 or level > 64 for level in levels):
        sys.exit("loadgen: --levels must be between 1 and 64, got %s" % args.levels)
    counter = [args.first_story - 1]
    print("%-10s %4s %5s %4s %8s %7s %10s %10s %9s %9s %6s" % ("label", "conc", "reqs", "err", "tok/req", "tok/s",
          "ttft p50", "ttft p99", "itl p50", "itl p99", "load"))
    for level in levels:
        row = run_level(args, level, counter)
        print("%-10s %4d %5d %4d %8.1f %7.2f %8.0fms %8.0fms %7.1fms %7.1fms %6.2f" % (
            row["label"], level, row["requests"], row["errors"], row["tokens_per_request"], row["aggregate_tok_s"],
            row["ttft_p50_ms"], row["ttft_p99_ms"], row["itl_p50_ms"], row["itl_p99_ms"], row["loadavg_1m"]), flush=True)
        if row["errors"]:
            print("  first error: %s" % row["first_error"], flush=True)
        if args.json:
            with open(args.json, "a") as f:
                f.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
