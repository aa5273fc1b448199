"""The SDK against the real stack, driven by system-tests' PythonSdkIT (not collected by pytest).

Environment: AR_URL (the API), AR_TOKEN (a tenant token with agent-admin, runner and viewer),
AR_OTHER_TOKEN (another tenant's), AR_AGENT (an agent of AR_TOKEN's tenant whose write_artifact
tool needs approval, on a model that calls it with the user's message).

It starts a run (twice, under one Idempotency-Key: one run), follows its events, prints
FOLLOWING and waits for a line RESTARTED on stdin: meanwhile the IT kills the API (kill -9) and
starts it again, so the stream breaks and is resumed. Then it approves the gated call with the
hash it read, and checks that the events followed are seq 1..N, each once, equal to the run's
timeline; downloads the artifact; checks another tenant gets NotFound; and does a run with the
async client. Exit code 0 and a last line PASS when every check holds.
"""

from __future__ import annotations

import asyncio
import os
import queue
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from agent_runtime import AsyncClient, Client, NotFound, PreconditionFailed, RetryPolicy, models

URL = os.environ["AR_URL"]
TOKEN = os.environ["AR_TOKEN"]
OTHER_TOKEN = os.environ["AR_OTHER_TOKEN"]
AGENT = os.environ["AR_AGENT"]
PATIENT = RetryPolicy(max_attempts=10, backoff=0.5, max_wait=10)


def check(condition: bool, what: str) -> None:
    if not condition:
        print(f"FAILED: {what}", flush=True)
        sys.exit(1)
    print(f"ok: {what}", flush=True)


def pending_approval(client: Client, run_id) -> models.ApprovalResponse:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        pending = [a for a in client.approvals.for_run(run_id) if a.status == "pending"]
        if pending:
            return pending[0]
        time.sleep(0.5)
    raise AssertionError(f"run {run_id} asked for no approval within 90 s")


def sync_session() -> None:
    with Client(URL, TOKEN, retry=PATIENT) as client:
        key = f"sdk-it-{uuid.uuid4()}"
        run = client.runs.start(AGENT, {"message": "approve me"}, idempotency_key=key)
        again = client.runs.start(AGENT, {"message": "approve me"}, idempotency_key=key)
        check(again.id == run.id, f"the same Idempotency-Key answers the same run ({run.id})")

        stream = client.runs.events(run.id, follow=True)
        followed: list = []
        arrived: queue.Queue = queue.Queue()

        def follow() -> None:
            try:
                for event in stream:
                    followed.append(event)
                    arrived.put(event)
            except BaseException as failure:  # reported by the main thread
                arrived.put(failure)
            arrived.put(None)

        follower = threading.Thread(target=follow, daemon=True)
        follower.start()
        first = arrived.get(timeout=60)
        check(isinstance(first, models.RunQueuedEvent), f"the stream's first event is run.queued ({first!r})")
        print("FOLLOWING", flush=True)
        line = sys.stdin.readline().strip()
        check(line == "RESTARTED", "the API was killed and started again while the stream was open")

        approval = pending_approval(client, run.id)
        check(approval.tool_name == "write_artifact", f"the gated call waits for approval ({approval.id})")
        decided = client.approvals.decide(run.id, approval.id, "approve", approval.arguments_sha256, comment="from the SDK")
        check(decided.status == "approved", "the approval was decided on the hash read")

        follower.join(timeout=120)
        check(not follower.is_alive(), "the stream ended after the terminal event")
        leftovers = []
        while not arrived.empty():
            leftovers.append(arrived.get_nowait())
        failures = [item for item in leftovers if isinstance(item, BaseException)]
        check(not failures, f"the stream raised nothing ({failures})")
        seqs = [event.seq for event in followed]
        print(f"followed seqs {seqs}, reconnects {stream.reconnects}", flush=True)
        check(stream.reconnects >= 1, "the stream was resumed after the restart")
        check(seqs == list(range(1, len(seqs) + 1)), "every event was followed once, in seq order, from 1")
        check(followed[-1].type == "run.succeeded", "the last event followed is run.succeeded")
        timeline = client.runs.events(run.id)
        check([(e.seq, e.type) for e in timeline] == [(e.seq, e.type) for e in followed],
              "the events followed are the run's timeline (GET /v1/runs/{id}/events)")

        ended = client.runs.wait(run.id, timeout=60)
        check(ended.status == "succeeded", "runs.wait answers the run succeeded")
        names = [artifact.name for artifact in client.artifacts.list(run.id)]
        check("notes-1.txt" in names, f"the approved call wrote its artifact ({names})")
        content = client.artifacts.download(run.id, "notes-1.txt")
        check(content == b"approve me", f"the artifact downloads as bytes ({content!r})")
        with tempfile.TemporaryDirectory() as work:
            target = client.artifacts.download(run.id, "notes-1.txt", Path(work) / "notes.txt")
            check(target.read_bytes() == content, "the artifact downloads to a file")

    with Client(URL, OTHER_TOKEN) as stranger:
        try:
            stranger.runs.get(run.id)
            check(False, "another tenant's token reads the run")
        except NotFound as error:
            check(error.status == 404 and error.problem_type == "not-found",
                  f"another tenant's token gets NotFound ({error})")


async def async_session() -> None:
    async with AsyncClient(URL, TOKEN, retry=PATIENT) as client:
        run = await client.runs.start(AGENT, {"message": "async approve me"})
        seqs = []
        async for event in client.runs.events(run.id, follow=True):
            seqs.append(event.seq)
            if isinstance(event, models.ApprovalRequestedEvent):
                try:
                    await client.approvals.decide(run.id, event.payload.approval_id, "approve", "0" * 64)
                    check(False, "a decision on another hash is accepted")
                except PreconditionFailed as error:
                    check(error.problem_type == "approval-arguments-mismatch",
                          "a decision on another hash is refused with PreconditionFailed")
                await client.approvals.decide(run.id, event.payload.approval_id, "approve",
                                              event.payload.arguments_sha256)
        check(seqs == list(range(1, len(seqs) + 1)), f"the async stream followed seqs 1..{len(seqs)} once each")
        ended = await client.runs.wait(run.id, timeout=60)
        check(ended.status == "succeeded", "the async client's run succeeded")
        events = await client.runs.events(run.id)
        check([e.seq for e in events] == seqs, "the async stream equals the run's timeline")


if __name__ == "__main__":
    sync_session()
    asyncio.run(async_session())
    print("PASS", flush=True)
