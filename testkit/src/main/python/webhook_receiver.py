"""A webhook receiver for the tests, which no one here wrote the verification of: every delivery's
signature is checked by the Standard Webhooks reference library (standardwebhooks on PyPI),
`Webhook(secret).verify(body, headers)`, once per secret it holds.

Every request is recorded, verified or not, in <data-dir>/deliveries.jsonl, so a receiver killed and
started again on the same directory keeps what it received. Control endpoints (JSON):
  GET  /deliveries              -> {"deliveries": [...]} in arrival order
  POST /control {"secrets": [...], "status": 503, "retryAfter": "2", "times": 3}
       secrets: the whsec_ secrets to verify with (each delivery records which ones verify);
       status/retryAfter/times: the next `times` deliveries are answered `status` (with Retry-After
       when given), then 204 again.
  POST /control {"holdSeconds": 5, "times": 1}
       the next `times` deliveries are recorded on arrival, then answered after `holdSeconds`
       (a sender can be killed while it waits).
Prints "listening on http://HOST:PORT" once it accepts connections.
"""

import argparse
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

LOCK = threading.Lock()
STATE = {"secrets": [], "status": None, "retry_after": None, "times": 0, "hold": 0, "holds": 0}


def record(data_dir, entry):
    with LOCK:
        with open(os.path.join(data_dir, "deliveries.jsonl"), "a", encoding="utf-8") as out:
            out.write(json.dumps(entry) + "\n")


def recorded(data_dir):
    path = os.path.join(data_dir, "deliveries.jsonl")
    if not os.path.exists(path):
        return []
    with LOCK, open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def make_handler(data_dir):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, body=None, headers=None):
            payload = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self):
            if self.path == "/deliveries":
                self.answer(200, {"deliveries": recorded(data_dir)})
            else:
                self.answer(404)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path == "/control":
                control = json.loads(body)
                with LOCK:
                    if "secrets" in control:
                        STATE["secrets"] = control["secrets"]
                    if "holdSeconds" in control:
                        STATE["hold"] = control["holdSeconds"]
                        STATE["holds"] = control.get("times", 1)
                    if "status" in control:
                        STATE["status"] = control["status"]
                        STATE["retry_after"] = control.get("retryAfter")
                        STATE["times"] = control.get("times", 1)
                self.answer(200, {})
                return
            headers = {name: value for name, value in self.headers.items()}
            with LOCK:
                secrets = list(STATE["secrets"])
                status, retry_after, hold = 204, None, 0
                if STATE["holds"] > 0:
                    STATE["holds"] -= 1
                    hold = STATE["hold"]
                if STATE["times"] > 0:
                    STATE["times"] -= 1
                    status, retry_after = STATE["status"], STATE["retry_after"]
            verified = []
            for index, secret in enumerate(secrets):
                try:
                    Webhook(secret).verify(body, headers)
                    verified.append(index)
                except WebhookVerificationError:
                    pass
            record(data_dir, {
                "path": self.path,
                "webhookId": headers.get("webhook-id"),
                "webhookTimestamp": headers.get("webhook-timestamp"),
                "signatures": len(headers.get("webhook-signature", "").split()),
                "verifiedBy": verified,
                "answered": status,
                "receivedAt": time.time(),
                "body": body.decode("utf-8", "replace"),
            })
            if hold:
                time.sleep(hold)
            try:
                self.answer(status, None, {"Retry-After": retry_after} if retry_after else None)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the sender hung up (or was killed) while the answer was held

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--secrets-file", help="JSON list of whsec_ secrets to verify with from the"
                        " first request (a restart must not answer unverified deliveries)")
    args = parser.parse_args()
    os.makedirs(args.data_dir, exist_ok=True)
    if args.secrets_file:
        with open(args.secrets_file, encoding="utf-8") as f:
            STATE["secrets"] = json.load(f)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(args.data_dir))
    server.daemon_threads = True
    print(f"listening on http://{args.host}:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
