"""Tests of the notes agent as a real process on a free port (stdlib unittest, no network).

Run with the interpreter that has requirements.txt installed, from the repository root:

    python -m unittest discover -s examples/python-agent/tests -v
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
import uuid
from pathlib import Path

AGENT = Path(__file__).resolve().parent.parent / "agent.py"
PROTOCOL = "agent-runtime/v1"

WRITE_ARTIFACT = {
    "name": "save_note",
    "description": "Saves a text file as an artifact of this run.",
    "parameters": {
        "type": "object",
        "properties": {
            "name": {"type": "string", "description": "File name"},
            "content": {"type": "string", "description": "The full text content of the file"},
            "contentType": {"type": "string", "description": "Optional media type"},
        },
        "required": ["name", "content"],
    },
}
ECHO = {
    "name": "echo",
    "description": "Echoes the text back (an MCP tool)",
    "parameters": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]},
}
HTTP_REQUEST = {
    "name": "fetch",
    "description": "Sends one HTTP request",
    "parameters": {
        "type": "object",
        "properties": {"method": {"type": "string"}, "url": {"type": "string"}},
        "required": ["method", "url"],
    },
}


class Agent:
    """One agent process: started on a free port, stopped (or killed) by the test."""

    def __init__(self, data_dir: str, token: str | None = None):
        env = dict(os.environ)
        env.pop("AGENT_TOKEN", None)
        if token:
            env["AGENT_TOKEN"] = token
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, str(AGENT), "--host", "127.0.0.1", "--port", "0", "--data-dir", data_dir],
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env=env,
            text=True,
        )
        line = self.proc.stdout.readline()
        if not line.startswith("listening on http://127.0.0.1:"):
            self.stop()
            raise AssertionError(f"unexpected first line {line!r}; stderr: {self.log()}")
        self.base = line.strip().removeprefix("listening on ")

    def log(self) -> str:
        if self.stderr.closed:
            return ""
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(10)
        self.proc.stdout.close()
        self.stderr.close()

    def call(self, method, path, body=None, headers=None, timeout=10.0):
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.headers.get("Content-Type"), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type"), e.read()

    def turn(self, run_id, turn, agent_input, *, tools=(), state=None, results=(), key=None, headers=None, **kw):
        body = {
            "protocol": PROTOCOL,
            "run": {"id": run_id, "tenantId": "acme", "agentVersionId": "v1"},
            "turn": turn,
            "deadline": "2099-01-01T00:00:00Z",
            "instructions": "You write notes.",
            "input": agent_input,
            "state": state,
            "tools": list(tools),
            "toolResults": list(results),
        }
        h = {"Idempotency-Key": key or f"{run_id}/turn-{turn}", **(headers or {})}
        status, ctype, raw = self.call("POST", "/turns", body, h, **kw)
        return status, ctype, raw

    def journal(self, run_id, headers=None):
        status, _, raw = self.call("GET", f"/journal?runId={run_id}", headers=headers)
        assert status == 200, raw
        return json.loads(raw)["entries"]


class AgentTestCase(unittest.TestCase):
    def setUp(self):
        self.data_dir = tempfile.mkdtemp(prefix="notes-agent-test-")
        self.agents: list[Agent] = []

    def tearDown(self):
        for a in self.agents:
            a.stop(signal.SIGKILL)
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def start(self, token=None) -> Agent:
        a = Agent(self.data_dir, token)
        self.agents.append(a)
        return a

    def assertProblem(self, response, status, title_part):
        got, ctype, raw = response
        self.assertEqual(got, status, raw)
        self.assertEqual(ctype, "application/problem+json")
        problem = json.loads(raw)
        self.assertIn(title_part, problem["title"])
        self.assertEqual(problem["status"], status)
        self.assertTrue(problem["detail"])


class ProtocolTest(AgentTestCase):
    """One agent process for the whole class (each test uses runs of its own)."""

    @classmethod
    def setUpClass(cls):
        cls.shared_dir = tempfile.mkdtemp(prefix="notes-agent-test-")
        cls.agent = Agent(cls.shared_dir)

    @classmethod
    def tearDownClass(cls):
        cls.agent.stop(signal.SIGKILL)
        shutil.rmtree(cls.shared_dir, ignore_errors=True)

    def setUp(self):
        self.data_dir, self.agents = self.shared_dir, []

    def tearDown(self):
        pass

    def test_manifest_health_and_unknown_paths(self):
        status, ctype, raw = self.agent.call("GET", "/manifest")
        self.assertEqual((status, ctype), (200, "application/json"))
        manifest = json.loads(raw)
        self.assertEqual(manifest["protocol"], PROTOCOL)
        self.assertEqual(manifest["name"], "notes-agent")
        self.assertTrue(manifest["version"])
        self.assertEqual(manifest["inputSchema"]["required"], ["topic"])
        self.assertEqual(self.agent.call("GET", "/health")[::2], (200, b'{"status": "ok"}'))
        self.assertProblem(self.agent.call("GET", "/nope"), 404, "Not found")
        self.assertProblem(self.agent.call("POST", "/nope", b"{}"), 404, "Not found")

    def test_two_turn_run_with_write_artifact_and_echo(self):
        run = str(uuid.uuid4())
        tools = [WRITE_ARTIFACT, ECHO, HTTP_REQUEST]
        status, ctype, raw = self.agent.turn(run, 1, {"topic": "Durable Execution"}, tools=tools)
        self.assertEqual((status, ctype), (200, "application/json"), raw)
        first = json.loads(raw)
        self.assertNotIn("output", first)
        calls = first["toolCalls"]
        self.assertEqual([c["id"] for c in calls], ["call-1", "call-2"])
        self.assertEqual([c["name"] for c in calls], ["save_note", "echo"])  # fetch is not called
        self.assertEqual(calls[0]["arguments"]["name"], "note-durable-execution.md")
        self.assertTrue(calls[0]["arguments"]["content"].startswith("# Durable Execution\n\n"))
        self.assertEqual(calls[0]["arguments"]["contentType"], "text/markdown")
        self.assertEqual(calls[1]["arguments"], {"text": "Durable Execution"})
        self.assertIsInstance(first["usage"]["totalTokens"], int)
        self.assertGreater(first["usage"]["totalTokens"], 0)
        self.assertIsNotNone(first["state"])

        # The state is the agent's only memory: round-trip it as the kernel would.
        results = [
            {"callId": "call-1", "name": "save_note", "output": "stored artifact note.md (412 bytes)", "isError": False},
            {"callId": "call-2", "name": "echo", "output": "Durable Execution", "isError": False},
        ]
        status, _, raw = self.agent.turn(
            run, 2, {"topic": "Durable Execution"}, tools=tools, state=first["state"], results=results
        )
        self.assertEqual(status, 200, raw)
        second = json.loads(raw)
        self.assertNotIn("toolCalls", second)
        out = second["output"]
        self.assertEqual(out["topic"], "Durable Execution")
        self.assertTrue(out["summary"].endswith("."))
        self.assertEqual(
            out["calls"],
            [
                {"name": "save_note", "isError": False, "output": "stored artifact note.md (412 bytes)"},
                {"name": "echo", "isError": False, "output": "Durable Execution"},
            ],
        )

        # Any later turn ends the run as well, even with state and results the agent did not expect.
        status, _, raw = self.agent.turn(
            run, 3, {"topic": "Durable Execution"}, tools=tools, state=second["state"], results=results
        )
        self.assertEqual(status, 200, raw)
        self.assertIn("output", json.loads(raw))

    def test_failed_tool_call_is_reported(self):
        run = str(uuid.uuid4())
        _, _, raw = self.agent.turn(run, 1, {"topic": "t"}, tools=[ECHO])
        state = json.loads(raw)["state"]
        results = [{"callId": "call-1", "name": "echo", "output": "refused: not allowed", "isError": True}]
        status, _, raw = self.agent.turn(run, 2, {"topic": "t"}, tools=[ECHO], state=state, results=results)
        self.assertEqual(status, 200, raw)
        self.assertEqual(
            json.loads(raw)["output"]["calls"], [{"name": "echo", "isError": True, "output": "refused: not allowed"}]
        )

    def test_no_tool_fits_answers_at_once(self):
        status, _, raw = self.agent.turn(str(uuid.uuid4()), 1, {"topic": "t"}, tools=[HTTP_REQUEST])
        self.assertEqual(status, 200, raw)
        answer = json.loads(raw)
        self.assertNotIn("toolCalls", answer)
        self.assertEqual(answer["output"]["calls"], [])

    def test_a_repeated_key_gets_the_stored_answer_and_is_journaled(self):
        run = str(uuid.uuid4())
        first = self.agent.turn(run, 1, {"topic": "first topic"}, tools=[ECHO])
        self.assertEqual(first[0], 200)
        # Same key, different body: only a stored answer can explain the same bytes coming back.
        again = self.agent.turn(run, 1, {"topic": "another topic"}, tools=[ECHO, WRITE_ARTIFACT])
        self.assertEqual(again, first)
        self.assertIn(f"replay of key {run}/turn-1", self.agent.log())
        entries = self.agent.journal(run)
        self.assertEqual([(e["key"], e["runId"], e["turn"]) for e in entries], [(f"{run}/turn-1", run, 1)] * 2)
        self.assertLess(entries[0]["seq"], entries[1]["seq"])
        self.assertTrue(entries[0]["receivedAt"].endswith("Z"))
        with sqlite3.connect(Path(self.data_dir) / "notes-agent.sqlite3") as db:
            self.assertEqual(
                db.execute("SELECT status, body FROM answers WHERE key = ?", (f"{run}/turn-1",)).fetchone(),
                (200, first[2].decode()),
            )

    def test_bad_requests_answer_400_problems(self):
        run = str(uuid.uuid4())
        body = {"protocol": PROTOCOL, "run": {"id": run}, "turn": 1, "input": {"topic": "t"}, "tools": []}
        self.assertProblem(self.agent.call("POST", "/turns", body), 400, "Idempotency-Key")
        key = {"Idempotency-Key": f"{run}/turn-1"}
        self.assertProblem(self.agent.call("POST", "/turns", b"{not json", key), 400, "JSON")
        self.assertProblem(self.agent.call("POST", "/turns", dict(body, protocol="agent-runtime/v2"), key), 400, "protocol")
        self.assertProblem(self.agent.call("POST", "/turns", dict(body, input={}), key), 400, "input")
        # Refused requests are journaled too, and a later good one is not answered from them.
        self.assertEqual(len(self.agent.journal(run)), 3)
        self.assertEqual(self.agent.call("POST", "/turns", body, key)[0], 200)

    def test_fail_times(self):
        run = str(uuid.uuid4())
        agent_input = {"topic": "t", "failTimes": 2}
        for _ in range(2):
            self.assertProblem(self.agent.turn(run, 1, agent_input, tools=[ECHO]), 500, "Planned failure")
        status, _, raw = self.agent.turn(run, 1, agent_input, tools=[ECHO])
        self.assertEqual(status, 200, raw)
        self.assertEqual(len(self.agent.journal(run)), 3)

    def test_a_slow_turn_does_not_block_others(self):
        run = str(uuid.uuid4())
        slow = threading.Thread(target=self.agent.turn, args=(run, 1, {"topic": "t", "sleepSeconds": 2}), daemon=True)
        t0 = time.monotonic()
        slow.start()
        time.sleep(0.2)
        self.assertEqual(self.agent.call("GET", "/health", timeout=1)[0], 200)
        self.assertEqual(self.agent.turn(str(uuid.uuid4()), 1, {"topic": "u"}, timeout=1)[0], 200)
        self.assertLess(time.monotonic() - t0, 1.5)
        slow.join(5)


class DurabilityTest(AgentTestCase):
    def test_fail_times_survive_a_restart(self):
        run = str(uuid.uuid4())
        agent_input = {"topic": "t", "failTimes": 2}
        first = self.start()
        self.assertEqual(first.turn(run, 1, agent_input)[0], 500)
        first.stop()
        second = self.start()
        self.assertEqual(second.turn(run, 1, agent_input)[0], 500)
        self.assertEqual(second.turn(run, 1, agent_input)[0], 200)

    def test_kill_mid_turn_then_the_retry_completes_without_sleeping(self):
        run = str(uuid.uuid4())
        agent_input = {"topic": "crash course", "sleepSeconds": 60}
        first = self.start()
        with self.assertRaises(OSError):  # a timeout: the agent sleeps
            first.turn(run, 1, agent_input, tools=[ECHO], timeout=0.5)
        first.stop(signal.SIGKILL)  # kill -9 mid-turn: the journal entry was committed before the sleep
        second = self.start()
        t0 = time.monotonic()
        status, _, raw = second.turn(run, 1, agent_input, tools=[ECHO], timeout=10)
        self.assertEqual(status, 200, raw)
        self.assertLess(time.monotonic() - t0, 5)
        self.assertEqual(json.loads(raw)["toolCalls"][0]["arguments"], {"text": "crash course"})
        self.assertEqual([e["key"] for e in second.journal(run)], [f"{run}/turn-1"] * 2)

    def test_bearer_auth(self):
        agent = self.start(token="s3cret")
        self.assertEqual(agent.call("GET", "/health")[0], 200)
        self.assertProblem(agent.call("GET", "/manifest"), 401, "Unauthorized")
        self.assertProblem(agent.call("GET", "/manifest", headers={"Authorization": "Bearer wrong"}), 401, "Unauthorized")
        self.assertProblem(agent.call("GET", "/journal?runId=x"), 401, "Unauthorized")
        run = str(uuid.uuid4())
        self.assertProblem(agent.turn(run, 1, {"topic": "t"}), 401, "Unauthorized")
        auth = {"Authorization": "Bearer s3cret"}
        self.assertEqual(agent.call("GET", "/manifest", headers=auth)[0], 200)
        self.assertEqual(agent.turn(run, 1, {"topic": "t"}, headers=auth)[0], 200)
        # An unauthorised call leaves no trace in the journal.
        self.assertEqual(len(agent.journal(run, headers=auth)), 1)


if __name__ == "__main__":
    unittest.main()
