"""The asynchronous client: the same surface as :class:`~agent_runtime.Client`, awaited."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import datetime
from pathlib import Path
from typing import Any, AsyncIterator, BinaryIO, Mapping

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
from ._sync import RunWaitTimeout
from .events import TERMINAL_EVENT_TYPES, TERMINAL_STATUSES, RunEvent, parse_event


class AsyncEventStream(AsyncIterator[RunEvent]):
    """As :class:`~agent_runtime.EventStream`, iterated with ``async for``."""

    def __init__(self, client: AsyncClient, run_id: Id, after_seq: int, reconnect_timeout: float) -> None:
        self._client = client
        self._path = f"/v1/runs/{_id(run_id)}/events"
        self.last_seq = after_seq
        self.reconnects = 0
        self._reconnect_timeout = reconnect_timeout
        self._events = self._follow()

    async def __anext__(self) -> RunEvent:
        return await self._events.__anext__()

    async def aclose(self) -> None:
        await self._events.aclose()

    async def __aenter__(self) -> AsyncEventStream:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def _follow(self) -> AsyncIterator[RunEvent]:
        broken_since: float | None = None
        delay = 0.2
        while True:
            headers = {"Accept": "text/event-stream", "Last-Event-ID": str(self.last_seq)}
            try:
                async with self._client._stream("GET", self._path, headers) as response:
                    if response.status_code >= 400:
                        error = error_of(response, await response.aread())
                        if error.status not in (429, 503):
                            raise error
                        pause = error.retry_after if error.retry_after is not None else delay
                        broken_since = broken_since or time.monotonic()
                        self._give_up_after(broken_since, error)
                        await asyncio.sleep(pause)
                        self.reconnects += 1
                        continue
                    broken_since, delay = None, 0.2
                    decoder = SseDecoder()
                    async for line in response.aiter_lines():
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
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
            self.reconnects += 1

    def _give_up_after(self, since: float, cause: BaseException) -> None:
        if time.monotonic() - since > self._reconnect_timeout:
            raise errors.AgentRuntimeError(
                f"the event stream of {self._path} could not be reopened for "
                f"{self._reconnect_timeout:g} s (last seq {self.last_seq}): {cause}"
            ) from cause


async def _pages(client: AsyncClient, page: Any, limit: int | None, filters: Mapping[str, Any]) -> AsyncIterator[Any]:
    cursor = None
    while True:
        answer = await client._send(page(cursor, limit, filters))
        for item in answer.items:
            yield item
        cursor = answer.next_cursor
        if cursor is None:
            return


class AsyncAgents(AgentsBase):
    async def create(
        self, name: str, *, description: str | None = None, exist_ok: bool = False
    ) -> models.AgentResponse:
        try:
            return await self._send(self._create(name, description))
        except errors.Conflict as conflict:
            location = conflict.headers.get("location")
            if not exist_ok or not location:
                raise
            return await self.get(location.rstrip("/").rsplit("/", 1)[1])


class AsyncRuns(RunsBase):
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
    ) -> AsyncIterator[models.RunResponse]:
        filters = self._filters(
            status, agent_id, agent_name, origin, parent_run_id, root_run_id, source_run_id, created_after, created_before
        )
        return _pages(self._client, self._page, page_size, filters)

    async def wait(self, run_id: Id, *, timeout: float = 300.0) -> models.RunResponse:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            run = await self.get(run_id, wait_seconds=max(0, min(50, int(remaining))))
            if run.status in TERMINAL_STATUSES:
                return run
            if time.monotonic() >= deadline:
                raise RunWaitTimeout(run, timeout)

    def events(
        self, run_id: Id, *, follow: bool = False, after_seq: int = 0, reconnect_timeout: float = 300.0
    ) -> Any:
        """Awaitable list of the events so far; with ``follow=True`` an :class:`AsyncEventStream`."""
        if follow:
            return AsyncEventStream(self._client, run_id, after_seq, reconnect_timeout)
        return self._all_events(run_id, after_seq)

    async def _all_events(self, run_id: Id, after_seq: int) -> list[RunEvent]:
        events: list[RunEvent] = []
        while True:
            page = await self._send(self._events_page(run_id, after_seq))
            events.extend(parse_event(item) for item in page)
            if len(page) < 1000:
                return events
            after_seq = events[-1].seq


class AsyncApprovals(ApprovalsBase):
    def list(
        self, *, status: str | None = None, agent_id: Id | None = None, page_size: int | None = None
    ) -> AsyncIterator[models.ApprovalResponse]:
        filters = {"status": status, "agentId": None if agent_id is None else _id(agent_id)}
        return _pages(self._client, self._page, page_size, {k: v for k, v in filters.items() if v is not None})


class AsyncArtifacts(ArtifactsBase):
    async def download(self, run_id: Id, name: str, to: str | Path | BinaryIO | None = None) -> bytes | Path | None:
        path = self._content_path(run_id, name)
        if to is None:
            return await self._send(Request("GET", path, headers={"Accept": "*/*"}, parse=lambda r: r.content))
        async with self._client._stream("GET", path, {"Accept": "*/*"}) as response:
            if response.status_code >= 400:
                raise error_of(response, await response.aread())
            if isinstance(to, (str, Path)):
                target = Path(to)
                with target.open("wb") as file:
                    async for chunk in response.aiter_bytes():
                        file.write(chunk)
                return target
            async for chunk in response.aiter_bytes():
                to.write(chunk)
            return None


class AsyncSchedules(SchedulesBase):
    def list(self, *, page_size: int | None = None) -> AsyncIterator[models.ScheduleResponse]:
        return _pages(self._client, self._page, page_size, {})


class AsyncClient:
    """The Agent Runtime API with asyncio; see :class:`~agent_runtime.Client` for the arguments."""

    def __init__(
        self,
        base_url: str,
        token: Token,
        *,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._token = token
        self._timeout = timeout
        self.retry = retry or RetryPolicy()
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            transport=transport,
            headers={"User-Agent": user_agent()},
        )
        self.agents = AsyncAgents(self)
        self.runs = AsyncRuns(self)
        self.approvals = AsyncApprovals(self)
        self.artifacts = AsyncArtifacts(self)
        self.tenants = TenantsBase(self)
        self.schedules = AsyncSchedules(self)
        self.webhooks = WebhooksBase(self)
        self.usage = UsageBase(self)

    async def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json: Any = None) -> Any:
        return await self._send(
            Request(method.upper(), path, params=params, json=json, parse=lambda r: r.json() if r.content else None)
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def _headers(self, extra: Mapping[str, str]) -> dict[str, str]:
        return {"Authorization": f"Bearer {token_value(self._token)}", **extra}

    async def _send(self, request: Request) -> Any:
        attempt = 1
        while True:
            try:
                response = await self._http.request(
                    request.method,
                    request.path,
                    params=request.params,
                    json=request.json,
                    headers=self._headers(request.headers),
                    timeout=request.timeout if request.timeout is not None else self._timeout,
                )
            except httpx.ConnectError:
                if attempt >= self.retry.max_attempts:
                    raise
                await asyncio.sleep(min(self.retry.backoff * 2 ** (attempt - 1), self.retry.max_wait))
                attempt += 1
                continue
            if response.status_code < 400:
                return request.parse(response)
            error = error_of(response, response.content)
            delay = self.retry.delay(error, attempt) if request.retryable else None
            if delay is None:
                raise error
            await asyncio.sleep(delay)
            attempt += 1

    def _stream(self, method: str, path: str, headers: Mapping[str, str]) -> Any:
        return self._http.stream(method, path, headers=self._headers(headers), timeout=stream_timeout(self._timeout))
