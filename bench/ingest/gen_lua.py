#!/usr/bin/env python3
"""Write a wrk script that POSTs signed WhatsApp text webhooks.

wrk's Lua has no HMAC, so the bodies and their X-Hub-Signature-256 values
are made here, ahead of time: N distinct messages from 200 customers,
cycled by each wrk thread. Usage: gen_lua.py OUT.lua [N] [SECRET]
"""
import hashlib
import hmac
import json
import sys
import time

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
secret = (sys.argv[3] if len(sys.argv) > 3 else "demo-app-secret").encode()
now = str(int(time.time()))


def body(i):
    wa = "1555" + str(7000000 + i % 200)
    return json.dumps({
        "object": "whatsapp_business_account",
        "entry": [{"id": "100000000000002", "changes": [{
            "field": "messages",
            "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15550000001",
                             "phone_number_id": "100000000000001"},
                "contacts": [{"profile": {"name": "Bench %d" % (i % 200)},
                              "wa_id": wa}],
                "messages": [{"from": wa, "id": "wamid.bench.%s.%d" % (now, i),
                              "timestamp": now, "type": "text",
                              "text": {"body": "Where is my order %d?" % i}}],
            }}]}]}, separators=(",", ":"))


with open(out, "w") as f:
    f.write("local bodies, sigs = {}, {}\n")
    for i in range(n):
        b = body(i)
        sig = hmac.new(secret, b.encode(), hashlib.sha256).hexdigest()
        f.write("bodies[%d] = %s\nsigs[%d] = \"sha256=%s\"\n"
                % (i + 1, json.dumps(b), i + 1, sig))
    f.write("""
local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", "/webhooks/whatsapp",
    {["Content-Type"] = "application/json",
     ["X-Hub-Signature-256"] = sigs[i]}, bodies[i])
end
""")
