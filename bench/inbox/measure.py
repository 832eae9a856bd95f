#!/usr/bin/env python3
"""Measure the inbox APIs of a running Parley: sign in, then time each
query a fixed number of times over one keep-alive connection and print
p50/p99 in milliseconds. Bounded by design (a few thousand requests).

usage: measure.py BASE_URL [REQUESTS_PER_CASE]
"""
import http.client
import json
import sys
import time
import urllib.parse


def main():
    base = urllib.parse.urlparse(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    conn = http.client.HTTPConnection(base.hostname, base.port)
    conn.request("POST", "/api/v1/auth/login",
                 json.dumps({"email": "admin@demo.test",
                             "password": "demo-password"}),
                 {"Content-Type": "application/json"})
    res = conn.getresponse()
    res.read()
    cookie = res.getheader("Set-Cookie").split(";")[0]
    hdr = {"Cookie": cookie}

    def get(path):
        conn.request("GET", path, headers=hdr)
        r = conn.getresponse()
        body = r.read()
        if r.status != 200:
            raise SystemExit(f"{path}: {r.status} {body[:200]}")
        return json.loads(body)

    # A cursor deep in each sort: follow 40 pages of 50 first.
    deep = {}
    for sort in ("last_activity", "waiting", "priority"):
        cur = None
        for _ in range(40):
            page = get(f"/api/v1/conversations?status=all&sort={sort}"
                       + (f"&cursor={cur}" if cur else ""))
            cur = page["next_cursor"]
        deep[sort] = cur
    busy = get("/api/v1/conversations?status=all&limit=1")["data"][0]["id"]
    cases = [
        ("list open, newest first", "/api/v1/conversations"),
        ("list all, page 41 (last_activity)",
         f"/api/v1/conversations?status=all&cursor={deep['last_activity']}"),
        ("list all, waiting, page 41",
         f"/api/v1/conversations?status=all&sort=waiting"
         f"&cursor={deep['waiting']}"),
        ("list all, priority, page 41",
         f"/api/v1/conversations?status=all&sort=priority"
         f"&cursor={deep['priority']}"),
        ("list mine (assignee=me)", "/api/v1/conversations?assignee=me"),
        ("list unassigned, priority sort",
         "/api/v1/conversations?assignee=unassigned&sort=priority"),
        ("list search q=refund", "/api/v1/conversations?status=all&q=refund"),
        ("counts", "/api/v1/conversations/counts"),
        ("thread, newest 50 messages",
         f"/api/v1/conversations/{busy}/messages"),
        ("search q=tracking", "/api/v1/search?q=tracking"),
        ("canned suggest", "/api/v1/canned-replies/suggest?q=where%20is"
         f"&conversation_id={busy}"),
    ]
    print(f"| query | p50 ms | p99 ms |\n|---|---|---|")
    for name, path in cases:
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            get(path)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p50 = times[len(times) // 2]
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"| {name} | {p50:.2f} | {p99:.2f} |", flush=True)


if __name__ == "__main__":
    main()
