"""Events and responses read into the generated models: typed, by wire name and Python name."""

from agent_runtime import UnknownEvent, models, parse_event

from conftest import event, run


def test_an_event_is_read_into_its_type_with_a_typed_payload():
    parsed = parse_event(event(5, "run.succeeded"))
    assert isinstance(parsed, models.RunSucceededEvent)
    assert parsed.seq == 5
    assert parsed.payload.total_tokens == 3


def test_a_tool_call_payload_is_read_by_its_kind():
    parsed = parse_event({
        "seq": 3, "type": "tool.call.completed", "createdAt": "2026-01-01T00:00:00Z",
        "payload": {"step": 1, "index": 0, "tool": "write_artifact", "callId": "c1",
                    "artifact": "notes-1.txt", "contentType": "text/plain", "sizeBytes": 4},
    })
    assert isinstance(parsed, models.ToolCallCompletedEvent)
    assert parsed.payload.artifact == "notes-1.txt"


def test_an_event_type_the_models_do_not_know_is_kept_as_an_unknown_event():
    parsed = parse_event({"seq": 9, "type": "run.teleported", "payload": {"to": "mars"},
                          "createdAt": "2026-01-01T00:00:00Z"})
    assert isinstance(parsed, UnknownEvent)
    assert parsed.payload == {"to": "mars"}


def test_a_run_reads_by_python_names_and_keeps_fields_a_newer_api_adds():
    answer = run("succeeded") | {"aFieldFromTheFuture": 1}
    parsed = models.RunResponse.model_validate(answer)
    assert parsed.agent_name == "notes"
    assert parsed.model_extra == {"aFieldFromTheFuture": 1}
    assert parsed.model_dump(mode="json", by_alias=True)["agentName"] == "notes"
