"""The synchronous client."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, Iterator, Mapping

import httpx

from . import errors, models
from ._core import Request, RetryPolicy, Token, error_of, stream_timeout, token_value, user_agent
from ._resources import (
    AgentsBase,
    ApprovalsBase,
    ArtifactsBase,
    Id,
    RunsBase,
    SchedulesBase,
    TenantsBase,
    UsageBase,
    WebhooksBase,
    _id,
)
from ._sse import SseDecoder
from .events import TERMINAL_EVENT_TYPES, TERMINAL_STATUSES, RunEvent, parse_event



class RunWaitTimeout(TimeoutError):
    """A run did not end within the wait; ``run`` is how it was last read."""

    def __init__(self, run: models.RunResponse, timeout: float) -> None:
        super().__init__(f"run {run.id} did not end within {timeout:g} s (status {run.status})")
        self.run = run


class EventStream(Iterator[RunEvent]):
    """A run's events live, each once and in ``seq`` order, ending after the terminal event.

    A stream that ends or breaks before it (a restarted API, a dropped connection, the stream's
    lifetime or the token's expiry) is opened again with ``Last-Event-ID`` set to the last
    ``seq`` received, so nothing is missed or repeated. It gives up when no connection could be
    made for ``reconnect_timeout`` seconds. ``reconnects`` counts the reopenings, ``last_seq``
    is the last event's ``seq``.
    """

    def __init__(self, client: Client, run_id: Id, after_seq: int, reconnect_timeout: float) -> None:
        self._client = client
        self._path = f"/v1/runs/{_id(run_id)}/events"
        self.last_seq = after_seq
        self.reconnects = 0
        self._reconnect_timeout = reconnect_timeout
        self._events = self._follow()

    def __next__(self) -> RunEvent:
        return next(self._events)

    def close(self) -> None:
        self._events.close()

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _follow(self) -> Iterator[RunEvent]:
        broken_since: float | None = None
        delay = 0.2
        while True:
            headers = {"Accept": "text/event-stream", "Last-Event-ID": str(self.last_seq)}
            try:
                with self._client._stream("GET", self._path, headers) as response:
                    if response.status_code >= 400:
                        error = error_of(response, response.read())
                        if error.status not in (429, 503):
                            raise error
                        pause = error.retry_after if error.retry_after is not None else delay
                        broken_since = broken_since or time.monotonic()
                        self._give_up_after(broken_since, error)
                        time.sleep(pause)
                        self.reconnects += 1
                        continue
                    broken_since, delay = None, 0.2
                    decoder = SseDecoder()
                    for line in response.iter_lines():
                        sse = decoder.feed(line)
                        if sse is None:
                            continue
                        event = parse_event(json.loads(sse.data))
                        if event.seq <= self.last_seq:
                            continue
                        self.last_seq = event.seq
                        yield event
                        if event.type in TERMINAL_EVENT_TYPES:
                            return
            except (httpx.TransportError, httpx.StreamError) as failure:
                broken_since = broken_since or time.monotonic()
                self._give_up_after(broken_since, failure)
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
            self.reconnects += 1

    def _give_up_after(self, since: float, cause: BaseException) -> None:
        if time.monotonic() - since > self._reconnect_timeout:
            raise errors.AgentRuntimeError(
                f"the event stream of {self._path} could not be reopened for "
                f"{self._reconnect_timeout:g} s (last seq {self.last_seq}): {cause}"
            ) from cause


def _pages(client: Client, page: Any, limit: int | None, filters: Mapping[str, Any]) -> Iterator[Any]:
    cursor = None
    while True:
        answer = client._send(page(cursor, limit, filters))
        yield from answer.items
        cursor = answer.next_cursor
        if cursor is None:
            return


class Agents(AgentsBase):
    def create(self, name: str, *, description: str | None = None, exist_ok: bool = False) -> models.AgentResponse:
        """Creates an agent. With ``exist_ok``, an agent of that name that exists is answered
        instead of :class:`~agent_runtime.errors.Conflict` (so a setup script can run again)."""
        try:
            return self._send(self._create(name, description))
        except errors.Conflict as conflict:
            location = conflict.headers.get("location")
            if not exist_ok or not location:
                raise
            return self.get(location.rstrip("/").rsplit("/", 1)[1])


class Runs(RunsBase):
    def list(
        self,
        *,
        status: str | list[str] | None = None,
        agent_id: Id | None = None,
        agent_name: str | None = None,
        origin: str | None = None,
        parent_run_id: Id | None = None,
        root_run_id: Id | None = None,
        source_run_id: Id | None = None,
        created_after: datetime | str | None = None,
        created_before: datetime | str | None = None,
        page_size: int | None = None,
    ) -> Iterator[models.RunResponse]:
        """The tenant's runs that match, newest first, read page by page as the iterator goes."""
        filters = self._filters(
            status, agent_id, agent_name, origin, parent_run_id, root_run_id, source_run_id, created_after, created_before
        )
        return _pages(self._client, self._page, page_size, filters)

    def wait(self, run_id: Id, *, timeout: float = 300.0) -> models.RunResponse:
        """Waits until the run has ended (long polls of at most 50 s) and answers it.

        Raises :class:`RunWaitTimeout` when it has not ended within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            run = self.get(run_id, wait_seconds=max(0, min(50, int(remaining))))
            if run.status in TERMINAL_STATUSES:
                return run
            if time.monotonic() >= deadline:
                raise RunWaitTimeout(run, timeout)

    def events(
        self, run_id: Id, *, follow: bool = False, after_seq: int = 0, reconnect_timeout: float = 300.0
    ) -> list[RunEvent] | EventStream:
        """The run's events after ``after_seq``: a list of those recorded so far, or with
        ``follow=True`` an :class:`EventStream` that goes on until the run's terminal event."""
        if follow:
            return EventStream(self._client, run_id, after_seq, reconnect_timeout)
        events: list[RunEvent] = []
        while True:
            page = self._send(self._events_page(run_id, after_seq))
            events.extend(parse_event(item) for item in page)
            if len(page) < 1000:
                return events
            after_seq = events[-1].seq


class Approvals(ApprovalsBase):
    def list(
        self, *, status: str | None = None, agent_id: Id | None = None, page_size: int | None = None
    ) -> Iterator[models.ApprovalResponse]:
        """The approvals of every run of the tenant, newest first, page by page
        (``status="pending"`` is the inbox of what waits)."""
        filters = {"status": status, "agentId": None if agent_id is None else _id(agent_id)}
        return _pages(self._client, self._page, page_size, {k: v for k, v in filters.items() if v is not None})


class Artifacts(ArtifactsBase):
    def download(self, run_id: Id, name: str, to: str | Path | BinaryIO | None = None) -> bytes | Path | None:
        """The artifact's bytes; with ``to`` (a path or a binary file), streamed there instead
        (the path is answered, None for a file object)."""
        path = self._content_path(run_id, name)
        if to is None:
            return self._send(Request("GET", path, headers={"Accept": "*/*"}, parse=lambda r: r.content))
        with self._client._stream("GET", path, {"Accept": "*/*"}) as response:
            if response.status_code >= 400:
                raise error_of(response, response.read())
            if isinstance(to, (str, Path)):
                target = Path(to)
                with target.open("wb") as file:
                    for chunk in response.iter_bytes():
                        file.write(chunk)
                return target
            for chunk in response.iter_bytes():
                to.write(chunk)
            return None


class Schedules(SchedulesBase):
    def list(self, *, page_size: int | None = None) -> Iterator[models.ScheduleResponse]:
        return _pages(self._client, self._page, page_size, {})


class Client:
    """The Agent Runtime API, synchronously.

    ``token`` is a bearer token, or a callable asked for one before each request (to refresh
    it). ``retry`` says how 429 and 503 answers are retried (:class:`RetryPolicy`); ``timeout``
    is per request, in seconds. ``transport`` replaces httpx's (tests). Use it as a context
    manager, or call :meth:`close`.
    """

    def __init__(
        self,
        base_url: str,
        token: Token,
        *,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._token = token
        self._timeout = timeout
        self.retry = retry or RetryPolicy()
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            transport=transport,
            headers={"User-Agent": user_agent()},
        )
        self.agents = Agents(self)
        self.runs = Runs(self)
        self.approvals = Approvals(self)
        self.artifacts = Artifacts(self)
        self.tenants = TenantsBase(self)
        self.schedules = Schedules(self)
        self.webhooks = WebhooksBase(self)
        self.usage = UsageBase(self)

    def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json: Any = None) -> Any:
        """Any call of the API, answered as parsed JSON (None for an empty answer)."""
        return self._send(
            Request(method.upper(), path, params=params, json=json, parse=lambda r: r.json() if r.content else None)
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _headers(self, extra: Mapping[str, str]) -> dict[str, str]:
        return {"Authorization": f"Bearer {token_value(self._token)}", **extra}

    def _send(self, request: Request) -> Any:
        attempt = 1
        while True:
            try:
                response = self._http.request(
                    request.method,
                    request.path,
                    params=request.params,
                    json=request.json,
                    headers=self._headers(request.headers),
                    timeout=request.timeout if request.timeout is not None else self._timeout,
                )
            except httpx.ConnectError:
                # Nothing was sent: trying again cannot do anything twice.
                if attempt >= self.retry.max_attempts:
                    raise
                time.sleep(min(self.retry.backoff * 2 ** (attempt - 1), self.retry.max_wait))
                attempt += 1
                continue
            if response.status_code < 400:
                return request.parse(response)
            error = error_of(response, response.content)
            delay = self.retry.delay(error, attempt) if request.retryable else None
            if delay is None:
                raise error
            time.sleep(delay)
            attempt += 1

    def _stream(self, method: str, path: str, headers: Mapping[str, str]) -> Any:
        return self._http.stream(method, path, headers=self._headers(headers), timeout=stream_timeout(self._timeout))
