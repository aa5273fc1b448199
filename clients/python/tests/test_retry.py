"""429 and 503 are retried after Retry-After, for GETs and POSTs with an Idempotency-Key only."""

import time

import pytest

from agent_runtime import Client, RateLimited, RetryPolicy, Unavailable

from conftest import RUN_ID, Answer, problem, run

FAST = RetryPolicy(max_attempts=3, backoff=0.01, max_wait=5)


def unavailable(retry_after=None):
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    return Answer(503, problem(503, "database-unavailable"), headers, "application/problem+json")


def test_a_get_is_retried_after_retry_after(server):
    server.answers("GET", f"/v1/runs/{RUN_ID}", unavailable("1"), Answer(200, run()))
    started = time.monotonic()
    with Client(server.url, "token", retry=FAST) as client:
        assert client.runs.get(RUN_ID).status == "running"
    assert time.monotonic() - started >= 1.0
    assert len(server.received) == 2


def test_a_start_is_retried_with_the_same_idempotency_key(server):
    limited = Answer(429, problem(429, "rate-limited"), {"Retry-After": "0"}, "application/problem+json")
    server.answers("POST", "/v1/runs", limited, Answer(202, run("queued")))
    with Client(server.url, "token", retry=FAST) as client:
        client.runs.start("notes", {"message": "hi"})
    keys = [r.headers["idempotency-key"] for r in server.received]
    assert len(keys) == 2 and keys[0] == keys[1]


def test_a_post_without_an_idempotency_key_is_never_retried(server):
    server.answers("POST", f"/v1/runs/{RUN_ID}/approvals/", unavailable("0"))
    with Client(server.url, "token", retry=FAST) as client, pytest.raises(Unavailable):
        client.approvals.decide(RUN_ID, "ap1", "approve", "0" * 64)
    assert len(server.received) == 1


def test_retries_are_bounded(server):
    server.answers("GET", "/v1/agents", unavailable())
    with Client(server.url, "token", retry=FAST) as client, pytest.raises(Unavailable):
        client.agents.list()
    assert len(server.received) == 3


def test_a_retry_after_beyond_the_cap_is_raised_at_once_for_the_caller_to_decide(server):
    limited = Answer(429, problem(429, "tenant-budget-exceeded"), {"Retry-After": "3600"}, "application/problem+json")
    server.answers("GET", "/v1/agents", limited)
    with Client(server.url, "token", retry=FAST) as client, pytest.raises(RateLimited) as raised:
        client.agents.list()
    assert raised.value.retry_after == 3600 and len(server.received) == 1


def test_a_callable_token_is_asked_before_every_request(server):
    server.answers("GET", f"/v1/runs/{RUN_ID}", unavailable("0"), Answer(200, run()))
    tokens = iter(["first", "second"])
    with Client(server.url, lambda: next(tokens), retry=FAST) as client:
        client.runs.get(RUN_ID)
    assert [r.headers["authorization"] for r in server.received] == ["Bearer first", "Bearer second"]
