"""The API calls of try-it.sh, made with the Python SDK (clients/python): creates the tenant
`demo` (as platform admin; it may exist) and the agent, publishes an http-runtime version that
offers the agent the tools in TOOLS, runs it on TOPIC and prints the run's status, answer,
timeline, artifacts and tool calls. Exit code 0 when the run succeeded.

Environment (set by try-it.sh): AR, ADMIN, TOKEN, NAME, TOOLS (a JSON array of tool entries),
AGENT_PORT, TOPIC. Run with the SDK's venv: scripts/install-tools.sh python-sdk.
"""

import json
import os
import sys

from agent_runtime import Client, Conflict, models

api = os.environ["AR"]
name = os.environ["NAME"]
spec = {
    "runtime": {"type": "http", "endpoint": f"http://127.0.0.1:{os.environ['AGENT_PORT']}/"},
    "instructions": "You write notes.",
    "tools": json.loads(os.environ["TOOLS"]),
    "retry": {"maxAttempts": 8, "initialIntervalMillis": 500},
}

with Client(api, os.environ["ADMIN"]) as admin:
    try:
        admin.tenants.create("demo", "Demo")
    except Conflict:
        pass  # made by an earlier run or by the README's first run

with Client(api, os.environ["TOKEN"]) as client:
    agent = client.agents.create(name, exist_ok=True)
    version = client.agents.publish_version(agent.id, spec)
    print(f"published {name} version {version.version} (runtime http)")
    run = client.runs.start(name, {"topic": os.environ["TOPIC"]})
    print(f"run {run.id}")
    run = client.runs.wait(run.id, timeout=120)
    print(f"status: {run.status}")
    if run.status == "succeeded":
        print("answer:")
        for line in client.artifacts.download(run.id, "output").decode().splitlines():
            print(f"  {line}")
        print()
    events = client.runs.events(run.id)
    print("timeline:")
    for event in events:
        print(f"  {event.type}")
    print("artifacts (output and the note the agent had the kernel write):")
    for artifact in client.artifacts.list(run.id):
        print(f"  {artifact.name} ({artifact.content_type}, {artifact.size_bytes} bytes)")
    print("tool calls:")
    for event in events:
        if isinstance(event, (models.ToolCallCompletedEvent, models.ToolCallFailedEvent)):
            payload = event.payload.model_dump(mode="json", by_alias=True)
            print(f"  {event.type} {json.dumps(payload, separators=(',', ':'))}")
    sys.exit(0 if run.status == "succeeded" else 1)
