#!/usr/bin/env python3
"""The demo against a running compose stack, through its published ports (Python stdlib only).

  demo.py run STATE      tokens from Keycloak, tenant, a tenant secret (sealed with the master key
                         compose mounts), agent, version, a run to `succeeded`; then checks its
                         output object in MinIO and its workflow in Temporal, and writes what it
                         made to the STATE file (JSON)
  demo.py verify STATE   after a restart of the stack: the same tenant, secret, agent, run, events and
                         objects are still there, Temporal still knows the workflow, and a new run
                         of the same version succeeds

Settings come from the environment (run-stack.sh exports them from docker/local/local.env):
API_PORT, KEYCLOAK_PORT, MINIO_PORT, MINIO_ROOT_USER, MINIO_ROOT_PASSWORD, S3_BUCKET,
TEMPORAL_PORT, TEMPORAL_BIN (the temporal CLI). Exits non-zero, naming the failed check.
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

ENV = os.environ
API = f"http://127.0.0.1:{ENV['API_PORT']}"
# Tokens must be requested at the issuer's own address (localhost, as the realm's hostname is).
KEYCLOAK = f"http://localhost:{ENV['KEYCLOAK_PORT']}/realms/agent-runtime"
TENANT = "acme"
SECRET = "DEMO_TOKEN"

VERSION_SPEC = {
    "spec": {
        "runtime": {"type": "builtin"},
        "model": {"provider": "demo"},
        "instructions": "You take notes. Store the user's message as an artifact, then answer briefly.",
        "tools": [
            {
                "name": "write_artifact",
                "kind": "write_artifact",
                "description": "Stores a text artifact of this run",
            }
        ],
        "limits": {"maxSteps": 4, "timeoutSeconds": 120},
        "retry": {"maxAttempts": 3, "initialIntervalMillis": 500, "attemptTimeoutSeconds": 30},
    }
}


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def http(method, url, token=None, body=None, form=None, headers=None):
    data = None
    request_headers = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        request_headers["Content-Type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        request_headers["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        request_headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=request_headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw.strip() else None)
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, raw.decode(errors="replace")


def token(user):
    """A user's access token by the realm's public CLI client (password grant)."""
    status, answer = http(
        "POST",
        f"{KEYCLOAK}/protocol/openid-connect/token",
        form={
            "grant_type": "password",
            "client_id": "agent-runtime-cli",
            "username": user,
            "password": f"{user}-LOCAL-ONLY",
        },
    )
    check(status == 200, f"Keycloak token for {user}: {status} {answer}")
    return answer["access_token"]


def api(method, path, user, body=None, expect=(200,), headers=None):
    status, answer = http(method, API + path, token(user), body, headers=headers)
    check(status in expect, f"{method} {path} answered {status}: {answer}")
    return answer


def start_run(agent_id, message):
    run = api(
        "POST",
        "/v1/runs",
        "acme-runner",
        {"agentId": agent_id, "input": {"message": message}},
        expect=(201, 202),
        headers={"Idempotency-Key": f"compose-demo-{uuid.uuid4()}"},
    )
    return run["id"]


def await_run(run_id, timeout=180):
    deadline = time.monotonic() + timeout
    while True:
        run = api("GET", f"/v1/runs/{run_id}", "acme-viewer")
        if run["status"] in ("succeeded", "failed", "cancelled", "timed_out"):
            check(run["status"] == "succeeded", f"run {run_id} ended {run['status']}: {run}")
            return run
        check(time.monotonic() < deadline, f"run {run_id} still {run['status']} after {timeout}s")
        time.sleep(1)


def s3_object(key):
    """The object's bytes from MinIO, by a SigV4-signed GET (curl signs it)."""
    url = f"http://127.0.0.1:{ENV['MINIO_PORT']}/{ENV['S3_BUCKET']}/{urllib.parse.quote(key)}"
    result = subprocess.run(
        ["curl", "-fsS", "--aws-sigv4", "aws:amz:us-east-1:s3",
         "--user", f"{ENV['MINIO_ROOT_USER']}:{ENV['MINIO_ROOT_PASSWORD']}", url],
        capture_output=True,
        timeout=30,
    )
    check(result.returncode == 0, f"S3 GET {key}: {result.stderr.decode().strip()}")
    return result.stdout


def temporal_status(workflow_id):
    result = subprocess.run(
        [ENV["TEMPORAL_BIN"], "workflow", "describe", "--address",
         f"127.0.0.1:{ENV['TEMPORAL_PORT']}", "--namespace", "default",
         "--workflow-id", workflow_id, "--output", "json"],
        capture_output=True,
        timeout=30,
    )
    check(result.returncode == 0, f"temporal workflow describe {workflow_id}: {result.stderr.decode()}")
    return json.loads(result.stdout)["workflowExecutionInfo"]["status"]


def check_outputs(run):
    """The run's artifacts are in MinIO with the sizes and hashes the API lists; Temporal has it."""
    import hashlib

    artifacts = api("GET", f"/v1/runs/{run['id']}/artifacts", "acme-viewer")
    names = sorted(a["name"] for a in artifacts)
    check("output" in names, f"run {run['id']} has no output artifact: {names}")
    check(len(artifacts) >= 2, f"run {run['id']} wrote no artifact of its own: {names}")
    for artifact in artifacts:
        body = s3_object(artifact["objectKey"])
        check(len(body) == artifact["sizeBytes"], f"{artifact['objectKey']}: size differs")
        check(hashlib.sha256(body).hexdigest() == artifact["sha256"], f"{artifact['objectKey']}: hash differs")
    status = temporal_status(run["workflowId"])
    check(status == "WORKFLOW_EXECUTION_STATUS_COMPLETED", f"Temporal says {status} for {run['workflowId']}")
    return names


def run_demo(state_file):
    status, answer = http("POST", API + "/v1/tenants", token("platform-admin"),
                          {"id": TENANT, "displayName": "Acme"})
    check(status == 201, f"POST /v1/tenants answered {status}: {answer}")
    # The API seals it with the master key compose mounts (without one it answers 503).
    secret = api("PUT", f"/v1/secrets/{SECRET}", "acme-admin", {"value": "compose-demo-secret"},
                 expect=(201,))
    agent = api("POST", "/v1/agents", "acme-admin", {"name": "notes"}, expect=(201,))
    version = api("POST", f"/v1/agents/{agent['id']}/versions", "acme-admin", VERSION_SPEC, expect=(201,))
    run = await_run(start_run(agent["id"], "Remember: the compose stack works."))
    names = check_outputs(run)
    with open(state_file, "w") as out:
        json.dump({"agentId": agent["id"], "versionId": version["id"], "runId": run["id"],
                   "secretFingerprint": secret["fingerprint"]}, out)
    print(f"demo: run {run['id']} succeeded in {run['steps']} steps; artifacts {names} in MinIO; "
          f"workflow {run['workflowId']} completed in Temporal; secret {SECRET} sealed")


def verify(state_file):
    with open(state_file) as source:
        state = json.load(source)
    api("GET", f"/v1/tenants/{TENANT}", "platform-admin")
    secret = api("GET", f"/v1/secrets/{SECRET}", "acme-viewer")
    check(secret["fingerprint"] == state["secretFingerprint"], f"secret {SECRET} changed: {secret}")
    api("GET", f"/v1/agents/{state['agentId']}/versions/1", "acme-viewer")
    run = api("GET", f"/v1/runs/{state['runId']}", "acme-viewer")
    check(run["status"] == "succeeded", f"run {state['runId']} is {run['status']} after the restart")
    events = api("GET", f"/v1/runs/{state['runId']}/events", "acme-viewer")
    items = events["items"] if isinstance(events, dict) else events
    kinds = [e["type"] for e in items]
    check("run.succeeded" in kinds, f"run events after the restart lack run.succeeded: {kinds}")
    check_outputs(run)
    second = await_run(start_run(state["agentId"], "And it still works after a restart."))
    check_outputs(second)
    print(f"verify: tenant, secret {SECRET}, agent, run {run['id']} ({len(kinds)} events), "
          f"its objects and its workflow kept across the restart; new run {second['id']} "
          "succeeded")


if __name__ == "__main__":
    try:
        {"run": run_demo, "verify": verify}[sys.argv[1]](sys.argv[2])
    except CheckFailed as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
