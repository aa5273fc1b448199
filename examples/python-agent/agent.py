#!/usr/bin/env python3
"""The reference agent of the kernel's HTTP agent protocol (`agent-runtime/v1`).

See ../../docs/agent-protocol.md for the contract and README.md beside this file for how to run it.

    python agent.py --host 127.0.0.1 --port 8765 --data-dir /tmp/notes-agent

Prints one line `listening on http://HOST:PORT` on stdout when it accepts connections; logs go to
stderr. This file is the protocol side (HTTP, auth, validation, idempotency, journal, test knobs);
`notes.py` is the agent's brain and `store.py` its SQLite memory.
"""

from __future__ import annotations

import argparse
import hmac
import json
import logging
import os
import select
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import notes  # noqa: E402
from store import Store  # noqa: E402

PROTOCOL = "agent-runtime/v1"
VERSION = "1.0.0"
MAX_REQUEST_BYTES = 16 * 1024 * 1024

MANIFEST = {
    "protocol": PROTOCOL,
    "name": "notes-agent",
    "version": VERSION,
    "description": "Writes a note about a topic with the offered tools, then summarises what they answered.",
    "inputSchema": {
        "type": "object",
        "required": ["topic"],
        "properties": {
            "topic": {"type": "string", "minLength": 1},
            "failTimes": {
                "type": "integer",
                "minimum": 0,
                "description": "TEST ONLY: the first N requests of turn 1 answer 500.",
            },
            "sleepSeconds": {
                "type": "number",
                "minimum": 0,
                "description": "TEST ONLY: the first request of turn 1 sleeps this long before answering.",
            },
        },
    },
}

log = logging.getLogger("notes-agent")


class ProblemError(Exception):
    """An answer of application/problem+json (RFC 9457)."""

    def __init__(self, status: int, title: str, detail: str):
        super().__init__(f"{status} {title}: {detail}")
        self.status, self.title, self.detail = status, title, detail


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the body waits for the client's delayed
    # ACK of the headers on a kept-alive connection (about 40 ms on Linux), which the kernel's pooled
    # client hit on every turn. TCP_NODELAY sends the body at once.
    disable_nagle_algorithm = True
    server_version = f"notes-agent/{VERSION}"
    server: "AgentServer"

    # --- plumbing -----------------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.command == "POST" and not self._body_read:
            self.send_header("Connection", "close")  # the unread body must not become the next request
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value: Any) -> None:
        self._send(status, json.dumps(value).encode())

    def _problem(self, status: int, title: str, detail: str) -> None:
        body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
        self._send(status, json.dumps(body).encode(), "application/problem+json")

    def _authorized(self) -> bool:
        token = self.server.token
        if not token:
            return True
        given = self.headers.get("Authorization", "")
        if given.startswith("Bearer ") and hmac.compare_digest(given[7:].encode(), token.encode()):
            return True
        self._problem(401, "Unauthorized", "this agent wants Authorization: Bearer <AGENT_TOKEN>")
        return False

    _body_read = False

    def _read_body(self) -> bytes:
        body = self._read_raw_body()
        self._body_read = True
        return body

    def _read_raw_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks, total = [], 0
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                total += size
                if total > MAX_REQUEST_BYTES:
                    raise ProblemError(413, "Request too large", f"at most {MAX_REQUEST_BYTES} bytes")
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            raise ProblemError(413, "Request too large", f"at most {MAX_REQUEST_BYTES} bytes")
        return self.rfile.read(length) if length > 0 else b""

    def _client_gone(self) -> bool:
        """True when the kernel closed the connection (cancelled run, timed-out attempt)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    # --- routes -------------------------------------------------------------------------------

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/health":
            return self._json(200, {"status": "ok"})
        if url.path not in ("/manifest", "/journal", "/turns"):
            return self._problem(404, "Not found", f"no resource at {url.path}")
        if not self._authorized():
            return
        if url.path == "/manifest":
            return self._json(200, MANIFEST)
        if url.path == "/journal":
            run_id = parse_qs(url.query).get("runId", [None])[0]
            return self._json(200, {"entries": self.server.store.journal(run_id)})
        return self._problem(405, "Method not allowed", "POST /turns")

    def do_POST(self) -> None:
        self._body_read = False
        url = urlsplit(self.path)
        if url.path != "/turns":
            if url.path in ("/health", "/manifest", "/journal"):
                return self._problem(405, "Method not allowed", f"GET {url.path}")
            return self._problem(404, "Not found", f"no resource at {url.path}")
        if not self._authorized():
            return
        try:
            self._turn()
        except ProblemError as e:
            log.info("turn refused: %s", e)
            self._problem(e.status, e.title, e.detail)
        except (BrokenPipeError, ConnectionResetError):
            log.info("the kernel closed the connection before the answer")
        except Exception as e:  # a bug of the agent: a 500 the kernel retries
            log.exception("turn failed")
            self._problem(500, "Agent error", f"{type(e).__name__}: {e}")

    # --- POST /turns --------------------------------------------------------------------------

    def _turn(self) -> None:
        store = self.server.store
        key = self.headers.get("Idempotency-Key") or None
        raw = self._read_body()
        try:
            request = json.loads(raw)
        except ValueError:
            request = None
        run = request.get("run") if isinstance(request, dict) else None
        run_id = run.get("id") if isinstance(run, dict) and isinstance(run.get("id"), str) else None
        turn = request.get("turn") if isinstance(request, dict) else None
        turn = turn if isinstance(turn, int) and not isinstance(turn, bool) else None

        # Journal first, committed: even a turn killed mid-way leaves its record.
        seq = store.record_request(key, run_id, turn)
        log.info("turn request #%d key=%s run=%s turn=%s", seq, key, run_id, turn)

        if key is None:
            raise ProblemError(400, "Missing Idempotency-Key", "every POST /turns carries an Idempotency-Key header")
        if not isinstance(request, dict):
            raise ProblemError(400, "Body is not a JSON object", "POST /turns takes the turn request as JSON")
        if request.get("protocol") != PROTOCOL:
            raise ProblemError(
                400,
                "Unsupported protocol",
                f"this agent speaks {PROTOCOL}, the request names {request.get('protocol')!r}",
            )
        if run_id is None or turn is None or turn < 1:
            raise ProblemError(400, "Invalid turn request", "run.id (string) and turn (integer >= 1) are required")
        agent_input = request.get("input")
        if not isinstance(agent_input, dict) or not isinstance(agent_input.get("topic"), str):
            raise ProblemError(400, "Invalid input", 'the input must be an object with a string "topic"')

        stored = store.answer(key)
        if stored is not None:
            log.info("replay of key %s: the stored answer, not recomputed", key)
            return self._send(stored[0], stored[1].encode())

        first_turn = turn == 1 and not request.get("toolResults")
        if first_turn:
            self._test_knobs(agent_input, key, run_id)
            answer = notes.first_turn(request)
        else:
            answer = notes.next_turn(request)
        status, body = store.keep_answer(key, 200, json.dumps(answer, separators=(",", ":")))
        log.info("answered key %s with %s", key, "toolCalls" if "toolCalls" in answer else "output")
        self._send(status, body.encode())

    def _test_knobs(self, agent_input: dict[str, Any], key: str, run_id: str) -> None:
        """failTimes and sleepSeconds (test only; see README). Counted in the journal, so they survive a restart."""
        fail_times = agent_input.get("failTimes")
        if isinstance(fail_times, int) and fail_times > 0:
            seen = self.server.store.count_turn(run_id, 1)
            if seen <= fail_times:
                raise ProblemError(500, "Planned failure", f"failTimes={fail_times}: request {seen} of turn 1 fails")
        sleep = agent_input.get("sleepSeconds")
        if isinstance(sleep, (int, float)) and not isinstance(sleep, bool) and sleep > 0:
            if self.server.store.count_key(key) == 1:
                log.info("sleepSeconds=%s: first request of key %s sleeps", sleep, key)
                deadline = time.monotonic() + float(sleep)
                while time.monotonic() < deadline:
                    if self._client_gone():
                        raise ConnectionResetError("the kernel closed the connection while the turn slept")
                    time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
            else:
                log.info("sleepSeconds=%s: key %s was seen before, no sleep", sleep, key)


class AgentServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store: Store, token: str | None):
        self.store, self.token = store, token
        super().__init__(address, Handler)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="notes-agent: reference agent of agent-runtime/v1")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--data-dir", required=True, help="where the SQLite journal and answers live")
    args = parser.parse_args(argv)

    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    store = Store(args.data_dir)
    server = AgentServer((args.host, args.port), store, os.environ.get("AGENT_TOKEN") or None)
    port = server.server_address[1]
    log.info("data in %s%s", store.path, "; bearer auth on" if server.token else "")
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"listening on http://{shown}:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
