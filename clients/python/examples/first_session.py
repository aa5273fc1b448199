"""A first session: publish an agent version from a file, start a run, follow its events,
approve its gated tool call, download its artifacts.

Environment: AR (the API, default http://localhost:8080), TOKEN (a token of your tenant with
agent-admin and runner: .standalone/tokens/demo.jwt), APPROVER (optional: a token that decides
approvals, .standalone/tokens/demo-approver.jwt; default TOKEN). Usage: first_session.py [SPEC_FILE]
"""

import os
import sys
from pathlib import Path

from agent_runtime import Client, models

here = Path(__file__).resolve().parent
spec_file = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "gated-notes.json"
api = os.environ.get("AR", "http://localhost:8080")

with Client(api, os.environ["TOKEN"]) as client, \
        Client(api, os.environ.get("APPROVER", os.environ["TOKEN"])) as approver:
    agent = client.agents.create("gated-notes-py", exist_ok=True)
    version = client.agents.publish_version(agent.id, spec_file)
    print(f"published {agent.name} version {version.version}")

    run = client.runs.start(agent.name, {"message": "Hello from Python"})
    print(f"run {run.id}")
    for event in client.runs.events(run.id, follow=True):
        print(f"  {event.seq} {event.type}")
        if isinstance(event, models.ApprovalRequestedEvent):
            approval = next(a for a in approver.approvals.for_run(run.id)
                            if a.id == event.payload.approval_id)
            print(f"  approving {approval.tool_name} {approval.arguments}")
            approver.approvals.decide(run.id, approval.id, "approve",
                                      approval.arguments_sha256, comment="looks right")

    run = client.runs.wait(run.id, timeout=60)
    print(f"status: {run.status}")
    for artifact in client.artifacts.list(run.id):
        print(f"  artifact {artifact.name} ({artifact.content_type}, {artifact.size_bytes} bytes)")
    saved = client.artifacts.download(run.id, "demo-notes.md", Path("demo-notes.md"))
    print(f"saved {saved}")
    print(client.artifacts.download(run.id, "output").decode())
    sys.exit(0 if run.status == "succeeded" else 1)
