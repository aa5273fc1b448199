"""The notes agent's brain: a PydanticAI agent whose tools are *external*.

The kernel, not this process, runs tools. PydanticAI models that with an `ExternalToolset` and the
`DeferredToolRequests` output type: when the model calls one of the kernel's tools, the agent run
stops and hands back the calls instead of executing them. The next turn resumes the same
conversation (its message history travels in the protocol's `state`) with the kernel's results as
`DeferredToolResults`.

The model here is a `FunctionModel`: a deterministic, offline stand-in for an LLM (see
`notes_model`). To build a real agent, replace `MODEL` with a real PydanticAI model such as
`"openai:gpt-5"` or `"anthropic:claude-sonnet-4-5"`; the protocol side does not change.

`first_turn` and `next_turn` take the decoded request body of `POST /turns` and return the answer
body (toolCalls or output, state, usage). They keep nothing in memory between calls.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from pydantic import BaseModel
from pydantic_ai import Agent
from pydantic_ai.exceptions import ToolFailed
from pydantic_ai.messages import (
    ModelMessage,
    ModelMessagesTypeAdapter,
    ModelResponse,
    ToolCallPart,
    ToolReturnPart,
    UserPromptPart,
)
from pydantic_ai.models.function import AgentInfo, FunctionModel
from pydantic_ai.tools import DeferredToolRequests, DeferredToolResults, ToolDefinition
from pydantic_ai.toolsets import ExternalToolset

STATE_VERSION = 1

log = logging.getLogger("notes-agent")


class CallReport(BaseModel):
    name: str
    isError: bool
    output: str


class NotesOutput(BaseModel):
    """The run's final output."""

    topic: str
    summary: str
    calls: list[CallReport]


def slug(text: str) -> str:
    """`Durable Execution!` -> `durable-execution` (at most 60 characters, never empty)."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")
    return s or "note"


def note_markdown(topic: str) -> str:
    return (
        f"# {topic}\n\n"
        f"A short note about *{topic}*, written by the notes agent.\n\n"
        "- What it is: one sentence you would tell a colleague.\n"
        "- Why it matters: the problem it solves.\n"
        "- Next step: one thing to read or try.\n"
    )


def plan_call(tool: ToolDefinition, topic: str) -> tuple[str, dict[str, Any]] | None:
    """What to ask of one offered tool: (kind, arguments), or None to leave it alone."""
    schema = tool.parameters_json_schema or {}
    props = schema.get("properties") or {}
    if not isinstance(props, dict):
        return None
    if "name" in props and "content" in props:
        args: dict[str, Any] = {"name": f"note-{slug(topic)}.md", "content": note_markdown(topic)}
        if "contentType" in props or schema.get("additionalProperties") is not False:
            args["contentType"] = "text/markdown"
        return "write-artifact", args
    required = schema.get("required") or []
    if isinstance(required, list) and len(required) == 1:
        only = props.get(required[0])
        if isinstance(only, dict) and only.get("type") == "string":
            return "string-argument", {required[0]: topic}
    return None


def _topic_of(messages: list[ModelMessage]) -> str:
    for message in messages:
        for part in message.parts:
            if isinstance(part, UserPromptPart) and isinstance(part.content, str):
                try:
                    return str(json.loads(part.content).get("topic", ""))
                except (ValueError, AttributeError):
                    return part.content
    return ""


def _summary(topic: str, calls: list[CallReport]) -> str:
    if not calls:
        return f"No offered tool fit, so no note about {topic!r} was written."
    failed = sum(1 for c in calls if c.isError)
    names = ", ".join(c.name for c in calls)
    return (
        f"Asked {len(calls)} tool(s) ({names}) about {topic!r}: "
        f"{len(calls) - failed} succeeded and {failed} failed."
    )


def notes_model(messages: list[ModelMessage], info: AgentInfo) -> ModelResponse:
    """The deterministic "LLM": plan tool calls once, then summarise whatever came back."""
    topic = _topic_of(messages)
    output_tool = info.output_tools[0].name
    returns = [p for m in messages for p in m.parts if isinstance(p, ToolReturnPart)]
    asked_before = any(isinstance(p, ToolCallPart) for m in messages for p in m.parts)
    if returns or asked_before:
        calls = [
            CallReport(
                name=p.tool_name,
                isError=p.outcome != "success",
                output=p.content if isinstance(p.content, str) else json.dumps(p.content),
            )
            for p in returns
        ]
        out = NotesOutput(topic=topic, summary=_summary(topic, calls), calls=calls)
        return ModelResponse(parts=[ToolCallPart(output_tool, out.model_dump(), tool_call_id="final")])
    parts = []
    for tool in info.function_tools:
        planned = plan_call(tool, topic)
        if planned is not None:
            parts.append(ToolCallPart(tool.name, planned[1], tool_call_id=f"call-{len(parts) + 1}"))
    if not parts:
        out = NotesOutput(topic=topic, summary=_summary(topic, []), calls=[])
        return ModelResponse(parts=[ToolCallPart(output_tool, out.model_dump(), tool_call_id="final")])
    return ModelResponse(parts=parts)


MODEL = FunctionModel(notes_model, model_name="notes-offline")

AGENT: Agent[None, NotesOutput | DeferredToolRequests] = Agent(
    MODEL,
    output_type=[NotesOutput, DeferredToolRequests],  # type: ignore[arg-type]
    name="notes-agent",
)


def _toolset(request: dict[str, Any]) -> ExternalToolset:
    defs = []
    for tool in request.get("tools") or []:
        if not isinstance(tool, dict) or not isinstance(tool.get("name"), str):
            continue
        params = tool.get("parameters")
        defs.append(
            ToolDefinition(
                name=tool["name"],
                description=tool.get("description") or "",
                parameters_json_schema=params if isinstance(params, dict) else {"type": "object"},
            )
        )
    return ExternalToolset(defs, id="kernel")


def _scrub(value: Any) -> Any:
    """Drops timestamps from a dumped history so the same turn always yields the same state."""
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items() if k != "timestamp"}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def _tokens(request: dict[str, Any]) -> int:
    """A deterministic stand-in for token usage: characters read / 4."""
    read = [request.get("instructions") or "", request.get("input"), request.get("tools"), request.get("toolResults")]
    return sum(len(r if isinstance(r, str) else json.dumps(r, sort_keys=True)) for r in read) // 4


def _answer(result: Any, request: dict[str, Any], asked: list[dict[str, str]] | None) -> dict[str, Any]:
    history = _scrub(ModelMessagesTypeAdapter.dump_python(result.all_messages(), mode="json"))
    usage = {"totalTokens": _tokens(request)}
    output = result.output
    if isinstance(output, DeferredToolRequests):
        calls = [
            {"id": c.tool_call_id, "name": c.tool_name, "arguments": c.args_as_dict()} for c in output.calls
        ]
        state = {
            "version": STATE_VERSION,
            "phase": "waiting-for-tools",
            "asked": [{"id": c["id"], "name": c["name"]} for c in calls],
            "messages": history,
        }
        return {"toolCalls": calls, "state": state, "usage": usage}
    state = {"version": STATE_VERSION, "phase": "done", "asked": asked or [], "messages": history}
    return {"output": output.model_dump(), "state": state, "usage": usage}


def _run_ids(request: dict[str, Any]) -> dict[str, str]:
    """PydanticAI's conversation is the kernel's run; each of its agent runs is one turn."""
    run_id = (request.get("run") or {}).get("id")
    if not (isinstance(run_id, str) and run_id):
        return {}
    return {"run_id": f"{run_id}/turn-{request.get('turn')}", "conversation_id": run_id}


def first_turn(request: dict[str, Any]) -> dict[str, Any]:
    """Turn 1: look at the offered tools and ask for the calls that fit (or answer at once)."""
    topic = str(request["input"]["topic"])
    result = AGENT.run_sync(
        json.dumps({"topic": topic}),
        toolsets=[_toolset(request)],
        instructions=request.get("instructions") or None,
        **_run_ids(request),
    )
    return _answer(result, request, None)


def _fallback_output(request: dict[str, Any]) -> dict[str, Any]:
    """Final output straight from the tool results, when the state cannot be resumed."""
    topic = str(request["input"]["topic"])
    calls = [
        CallReport(
            name=str(r.get("name", "")),
            isError=bool(r.get("isError")),
            output=r.get("output") if isinstance(r.get("output"), str) else json.dumps(r.get("output")),
        )
        for r in request.get("toolResults") or []
        if isinstance(r, dict)
    ]
    out = NotesOutput(topic=topic, summary=_summary(topic, calls), calls=calls)
    state = {"version": STATE_VERSION, "phase": "done", "asked": [], "messages": []}
    return {"output": out.model_dump(), "state": state, "usage": {"totalTokens": _tokens(request)}}


def next_turn(request: dict[str, Any]) -> dict[str, Any]:
    """Turn 2 and later: resume the conversation with the kernel's results; always a final output."""
    state = request.get("state")
    if not (isinstance(state, dict) and state.get("phase") == "waiting-for-tools" and state.get("messages")):
        return _fallback_output(request)
    try:
        return _resume(request, state)
    except Exception:  # a state this agent cannot resume still ends the run: never loop, never 500
        log.warning("cannot resume the state of run %s; answering from the tool results", _run_ids(request), exc_info=True)
        return _fallback_output(request)


def _resume(request: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    messages = ModelMessagesTypeAdapter.validate_python(state["messages"])
    by_id = {r.get("callId"): r for r in request.get("toolResults") or [] if isinstance(r, dict)}
    calls: dict[str, Any] = {}
    for asked in state.get("asked") or []:
        r = by_id.get(asked["id"])
        if r is None:
            calls[asked["id"]] = ToolFailed("the kernel sent no result for this call")
            continue
        text = r.get("output") if isinstance(r.get("output"), str) else json.dumps(r.get("output"))
        calls[asked["id"]] = ToolFailed(text) if r.get("isError") else text
    result = AGENT.run_sync(
        None,
        message_history=messages,
        deferred_tool_results=DeferredToolResults(calls=calls),
        toolsets=[_toolset(request)],
        instructions=request.get("instructions") or None,
        **_run_ids(request),
    )
    if isinstance(result.output, DeferredToolRequests):  # never loop: the model should not ask again
        return _fallback_output(request)
    return _answer(result, request, state.get("asked"))
