"""problem+json answers are raised as typed exceptions carrying the problem's fields."""

import httpx
import pytest

from agent_runtime import (
    ApiError,
    BadRequest,
    Client,
    Conflict,
    Forbidden,
    Gone,
    NotFound,
    PreconditionFailed,
    RateLimited,
    RetryPolicy,
    ServerError,
    Unauthorized,
    Unavailable,
    Unprocessable,
)
from agent_runtime.errors import parse_retry_after

from conftest import RUN_ID, problem

NO_RETRY = RetryPolicy(max_attempts=1)


def client_answering(status, body, headers=None):
    def handle(request):
        return httpx.Response(status, json=body, headers={"Content-Type": "application/problem+json", **(headers or {})})

    return Client("http://api.invalid", "token", retry=NO_RETRY, transport=httpx.MockTransport(handle))


@pytest.mark.parametrize(
    "status, kind, error_class",
    [
        (400, "invalid-request", BadRequest),
        (401, "unauthorized", Unauthorized),
        (403, "forbidden", Forbidden),
        (404, "not-found", NotFound),
        (409, "run-state-conflict", Conflict),
        (410, "approval-expired", Gone),
        (412, "approval-arguments-mismatch", PreconditionFailed),
        (422, "invalid-spec", Unprocessable),
        (429, "rate-limited", RateLimited),
        (500, "internal-error", ServerError),
        (503, "database-unavailable", Unavailable),
        (418, "teapot", ApiError),
    ],
)
def test_each_status_is_raised_as_its_class(status, kind, error_class):
    client = client_answering(status, problem(status, kind, detail="what went wrong", instance="/v1/runs/x"))
    with pytest.raises(error_class) as raised:
        client.runs.get(RUN_ID)
    error = raised.value
    assert type(error) is error_class
    assert (error.status, error.problem_type, error.detail, error.instance) == (
        status, kind, "what went wrong", "/v1/runs/x")
    assert error.type == f"https://agent-runtime.dev/problems/{kind}"
    assert kind in str(error) and "what went wrong" in str(error)


def test_a_validation_problem_carries_its_violations_and_is_a_bad_request():
    body = problem(422, "invalid-spec", violations=[{"field": "tools[0].name", "message": "must be unique"}])
    with pytest.raises(BadRequest) as raised:
        client_answering(422, body).agents.publish_version("a", {"instructions": "x"})
    assert [(v.field, v.message) for v in raised.value.violations] == [("tools[0].name", "must be unique")]
    assert "tools[0].name: must be unique" in str(raised.value)


def test_retry_after_is_read_in_seconds():
    with pytest.raises(RateLimited) as raised:
        client_answering(429, problem(429, "rate-limited"), {"Retry-After": "7"}).runs.get(RUN_ID)
    assert raised.value.retry_after == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("soon") is None


def test_an_answer_that_is_not_problem_json_is_still_raised_with_its_status():
    def handle(request):
        return httpx.Response(502, text="Bad Gateway")

    client = Client("http://api.invalid", "token", retry=NO_RETRY, transport=httpx.MockTransport(handle))
    with pytest.raises(ServerError) as raised:
        client.runs.get(RUN_ID)
    assert raised.value.status == 502 and raised.value.detail == "Bad Gateway"


def test_a_conflict_keeps_the_location_of_what_exists():
    with pytest.raises(Conflict) as raised:
        client_answering(409, problem(409, "conflict"), {"Location": "http://api/v1/agents/abc"}).agents.create("n")
    assert raised.value.headers["location"] == "http://api/v1/agents/abc"
