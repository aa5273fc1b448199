"""A real HTTP server on the loopback address, scripted per test, that records what it received."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Answer:
    status: int = 200
    body: object = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


# A handler gets the request and the raw handler (to stream, or to drop the connection).
Handler = Callable[[Received, BaseHTTPRequestHandler], "Answer | None"]


class LocalServer:
    def __init__(self) -> None:
        self.received: list[Received] = []
        self._routes: list[tuple[str, str, Handler]] = []
        server = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _handle(self) -> None:
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = Received(
                    self.command,
                    url.path,
                    parse_qs(url.query),
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length) if length else b"",
                )
                server.received.append(request)
                for method, prefix, handler in server._routes:
                    if method == self.command and url.path.startswith(prefix):
                        answer = handler(request, self)
                        break
                else:
                    answer = Answer(404, problem(404, "not-found"), content_type="application/problem+json")
                if answer is None:
                    return
                payload = b"" if answer.body is None else (
                    answer.body if isinstance(answer.body, bytes) else json.dumps(answer.body).encode()
                )
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def route(self, method: str, prefix: str, handler: Handler) -> None:
        self._routes.append((method, prefix, handler))

    def answers(self, method: str, prefix: str, *answers: Answer) -> None:
        """Answers the calls in order, the last one from then on."""
        queue = list(answers)
        self.route(method, prefix, lambda request, raw: queue.pop(0) if len(queue) > 1 else queue[0])

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def problem(status: int, kind: str, **fields: object) -> dict:
    return {
        "type": f"https://agent-runtime.dev/problems/{kind}",
        "title": kind.replace("-", " "),
        "status": status,
        **fields,
    }


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    yield local
    local.close()


RUN_ID = "0b9f5c1e-7d2a-4c55-9a53-1f0e7d3c2b10"
AGENT_ID = "5a1e0b9c-2d3f-4e7a-8b1c-9d0e1f2a3b4c"
VERSION_ID = "6b2f1c0d-3e4a-4f8b-9c2d-0e1f2a3b4c5d"


def run(status: str = "running", run_id: str = RUN_ID) -> dict:
    """A run as GET /v1/runs/{id} answers it."""
    return {
        "id": run_id, "agentId": AGENT_ID, "agentName": "notes", "agentVersionId": VERSION_ID,
        "agentVersion": 1, "alias": None, "routingKey": None, "status": status, "statusReason": None,
        "workflowId": f"run-{run_id}", "input": {"message": "hi"}, "steps": 0, "totalTokens": 0,
        "createdAt": "2026-01-01T00:00:00Z", "createdBy": "tester", "origin": "api", "source": None,
        "parentRunId": None, "rootRunId": None, "depth": 0, "scheduleId": None, "scheduledAt": None,
        "startedAt": None, "finishedAt": None, "output": None, "controlRequested": None,
        "waitingForSlot": False,
    }


def event(seq: int, type: str) -> dict:
    payloads = {
        "run.queued": {"agentName": "notes", "agentVersion": 1},
        "run.started": {"agentVersionId": VERSION_ID, "workflowId": "wf"},
        "model.call.completed": {"step": seq, "attempt": 1, "tokens": 3, "idempotencyKey": "k",
                                 "finishReason": None, "toolCalls": []},
        "run.succeeded": {"status": "succeeded", "steps": 1, "totalTokens": 3},
    }
    return {"seq": seq, "type": type, "payload": payloads[type], "createdAt": "2026-01-01T00:00:00Z"}
