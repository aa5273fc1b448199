"""Following a run's events over SSE: parsing, and resuming after a dropped connection with
Last-Event-ID so that every event comes once, in order, until the terminal one."""

import asyncio
import json
import socket
import struct

import pytest

from agent_runtime import AsyncClient, Client, NotFound, models
from agent_runtime._sse import SseDecoder

from conftest import RUN_ID, Answer, event

EVENTS = f"/v1/runs/{RUN_ID}/events"


def frame(item: dict) -> bytes:
    return f"id:{item['seq']}\nevent:{item['type']}\ndata:{json.dumps(item)}\n\n".encode()


def test_the_decoder_reads_events_and_skips_comments():
    decoder = SseDecoder()
    lines = [": keep-alive", "", "id:4", "event:run.started", "data: {\"a\":", "data:1}", "", "retry:5", ""]
    events = [e for e in (decoder.feed(line) for line in lines) if e is not None]
    assert [(e.id, e.event, e.data) for e in events] == [("4", "run.started", '{"a":\n1}')]
    assert decoder.last_event_id == "4"


def start_stream(raw):
    raw.close_connection = True
    raw.send_response(200)
    raw.send_header("Content-Type", "text/event-stream")
    raw.send_header("Connection", "close")
    raw.end_headers()


def reset(raw):
    """Drops the connection as a killed server does: RST, no orderly end."""
    raw.wfile.flush()
    raw.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    raw.connection.close()


def dropping_server(server):
    """Three connections: events 1-2 then a reset mid-frame; 2 again (a repeat), 3 and a clean
    end without the terminal event; then 4, run.succeeded."""
    connections = []

    def handle(request, raw):
        connections.append(request.headers.get("last-event-id"))
        start_stream(raw)
        if len(connections) == 1:
            raw.wfile.write(frame(event(1, "run.queued")) + frame(event(2, "run.started")))
            raw.wfile.write(frame(event(3, "model.call.completed"))[:25])
            reset(raw)
        elif len(connections) == 2:
            raw.wfile.write(frame(event(2, "run.started")) + frame(event(3, "model.call.completed")))
            raw.wfile.write(b": keep-alive\n\n")
        else:
            raw.wfile.write(frame(event(4, "run.succeeded")))
        return None

    server.route("GET", EVENTS, handle)
    return connections


def test_a_dropped_stream_is_resumed_after_the_last_event_received(server):
    connections = dropping_server(server)
    with Client(server.url, "token") as client:
        stream = client.runs.events(RUN_ID, follow=True)
        seqs = [e.seq for e in stream]
    assert seqs == [1, 2, 3, 4]
    assert connections == ["0", "2", "3"]
    assert stream.reconnects == 2 and stream.last_seq == 4
    assert all(r.headers["accept"] == "text/event-stream" for r in server.received)


def test_the_async_stream_resumes_the_same_way(server):
    connections = dropping_server(server)

    async def follow():
        async with AsyncClient(server.url, "token") as client:
            return [e async for e in client.runs.events(RUN_ID, follow=True)]

    events = asyncio.run(follow())
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert isinstance(events[-1], models.RunSucceededEvent)
    assert connections == ["0", "2", "3"]


def test_a_stream_refused_for_now_is_opened_again_after_retry_after(server):
    limited = Answer(429, {"status": 429, "type": "rate-limited", "title": "x"}, {"Retry-After": "0"})
    calls = []

    def handle(request, raw):
        calls.append(request)
        if len(calls) == 1:
            return limited
        start_stream(raw)
        raw.wfile.write(frame(event(1, "run.succeeded")))
        return None

    server.route("GET", EVENTS, handle)
    with Client(server.url, "token") as client:
        assert [e.type for e in client.runs.events(RUN_ID, follow=True)] == ["run.succeeded"]


def test_a_stream_of_an_unknown_run_raises_not_found(server):
    with Client(server.url, "token") as client, pytest.raises(NotFound):
        next(iter(client.runs.events(RUN_ID, follow=True)))


def test_the_events_so_far_are_a_list(server):
    server.answers("GET", EVENTS, Answer(200, [event(1, "run.queued"), event(2, "run.started")]))
    with Client(server.url, "token") as client:
        events = client.runs.events(RUN_ID)
    assert [type(e) for e in events] == [models.RunQueuedEvent, models.RunStartedEvent]
    assert server.received[0].query == {"afterSeq": ["0"]}
