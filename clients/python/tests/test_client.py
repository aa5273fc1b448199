"""The resources' calls: what they send and how they read the answers."""

import asyncio
import io
import uuid

import pytest

from agent_runtime import AsyncClient, Client, RunWaitTimeout

from conftest import AGENT_ID, RUN_ID, Answer, problem, run


def approval(status="pending"):
    return {
        "id": "ap-1", "runId": RUN_ID, "agentId": AGENT_ID, "agentName": "notes", "step": 1,
        "callIndex": 0, "toolCallId": "c1", "toolName": "write_artifact", "arguments": {"content": "hi"},
        "argumentsSha256": "a" * 64, "approverRoles": ["approver"], "status": status,
        "requestedAt": "2026-01-01T00:00:00Z", "expiresAt": "2026-01-02T00:00:00Z",
        "decidedBy": None, "decidedAt": None, "comment": None,
    }


def test_start_sends_a_fresh_idempotency_key_unless_given_one(server):
    server.answers("POST", "/v1/runs", Answer(202, run("queued")))
    with Client(server.url, "token") as client:
        client.runs.start("notes", {"message": "hi"})
        client.runs.start("notes", {"message": "hi"}, idempotency_key="mine", alias="prod")
    first, second = server.received
    uuid.UUID(first.headers["idempotency-key"])
    assert first.json() == {"agentName": "notes", "input": {"message": "hi"}}
    assert second.headers["idempotency-key"] == "mine"
    assert second.json() == {"agentName": "notes", "input": {"message": "hi"}, "alias": "prod"}


def test_wait_long_polls_until_the_run_has_ended(server):
    server.answers("GET", f"/v1/runs/{RUN_ID}", Answer(200, run("running")), Answer(200, run("succeeded")))
    with Client(server.url, "token") as client:
        assert client.runs.wait(RUN_ID, timeout=120).status == "succeeded"
    assert [r.query["waitSeconds"] for r in server.received] == [["50"], ["50"]]


def test_wait_gives_up_after_its_timeout_with_the_run_as_last_read(server):
    server.answers("GET", f"/v1/runs/{RUN_ID}", Answer(200, run("waiting_for_approval")))
    with Client(server.url, "token") as client, pytest.raises(RunWaitTimeout) as raised:
        client.runs.wait(RUN_ID, timeout=0)
    assert raised.value.run.status == "waiting_for_approval"


def test_list_follows_the_cursor_through_every_page(server):
    other = str(uuid.uuid4())
    server.answers(
        "GET", "/v1/runs",
        Answer(200, {"items": [run()], "nextCursor": "page-2"}),
        Answer(200, {"items": [run(run_id=other)], "nextCursor": None}),
    )
    with Client(server.url, "token") as client:
        ids = [str(r.id) for r in client.runs.list(status=["running", "queued"], agent_name="notes", page_size=1)]
    assert ids == [RUN_ID, other]
    assert server.received[0].query == {"status": ["running", "queued"], "agentName": ["notes"], "limit": ["1"]}
    assert server.received[1].query["cursor"] == ["page-2"]


def test_the_tenant_wide_approvals_are_paged_and_a_decision_names_the_hash(server):
    server.answers("GET", "/v1/approvals", Answer(200, {"items": [approval()], "nextCursor": None}))
    server.answers("POST", f"/v1/runs/{RUN_ID}/approvals/ap-1", Answer(200, approval("approved")))
    with Client(server.url, "token") as client:
        pending = list(client.approvals.list(status="pending"))
        decided = client.approvals.approve(pending[0], comment="fine")
        with pytest.raises(ValueError):
            client.approvals.decide(RUN_ID, "ap-1", "approve", "")
    assert server.received[0].query == {"status": ["pending"]}
    assert server.received[1].json() == {"decision": "approve", "argumentsSha256": "a" * 64, "comment": "fine"}
    assert decided.status == "approved"


def test_an_artifact_downloads_as_bytes_to_a_path_or_to_a_file(server, tmp_path):
    content = bytes(range(256)) * 1000
    server.answers("GET", f"/v1/runs/{RUN_ID}/artifacts/notes%201.txt/content",
                   Answer(200, content, content_type="application/octet-stream"))
    with Client(server.url, "token") as client:
        assert client.artifacts.download(RUN_ID, "notes 1.txt") == content
        target = client.artifacts.download(RUN_ID, "notes 1.txt", tmp_path / "notes.txt")
        sink = io.BytesIO()
        client.artifacts.download(RUN_ID, "notes 1.txt", sink)
    assert target.read_bytes() == content and sink.getvalue() == content


def test_create_with_exist_ok_answers_the_agent_that_exists(server):
    agent = {"id": AGENT_ID, "name": "notes", "description": None, "createdAt": "2026-01-01T00:00:00Z",
             "createdBy": "tester"}
    server.answers("POST", "/v1/agents", Answer(409, problem(409, "conflict"),
                                                {"Location": f"{server.url}/v1/agents/{AGENT_ID}"}))
    server.answers("GET", f"/v1/agents/{AGENT_ID}", Answer(200, agent))
    with Client(server.url, "token") as client:
        assert str(client.agents.create("notes", exist_ok=True).id) == AGENT_ID


def test_the_async_client_has_the_same_calls(server):
    server.answers("POST", "/v1/runs", Answer(202, run("queued")))
    server.answers("GET", f"/v1/runs/{RUN_ID}", Answer(200, run("succeeded")))

    async def session():
        async with AsyncClient(server.url, "token") as client:
            started = await client.runs.start("notes", {"message": "hi"}, idempotency_key="k1")
            return await client.runs.wait(started.id, timeout=10)

    assert asyncio.run(session()).status == "succeeded"
    assert server.received[0].headers["idempotency-key"] == "k1"
