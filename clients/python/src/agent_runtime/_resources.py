"""The API's resources as requests, shared by :class:`Client` and :class:`AsyncClient`.

Each method here answers ``self._send(request)``: the parsed answer for the sync client, an
awaitable of it for the async one. Methods that loop (paging, waiting, following events,
downloading) are written twice, in ``_sync.py`` and ``_async.py``.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Mapping
from urllib.parse import quote
from uuid import UUID

from . import models
from ._core import Request, body, into, new_idempotency_key, nothing, params

Id = str | UUID
Decision = Literal["approve", "deny"]


def _id(value: Id) -> str:
    return str(value)


def _instant(value: datetime | str) -> str:
    return value.isoformat() if isinstance(value, datetime) else value


def _control(reason: str | None) -> dict[str, Any] | None:
    return None if reason is None else {"reason": reason}


class _Resource:
    def __init__(self, client: Any) -> None:
        self._client = client

    def _send(self, request: Request) -> Any:
        return self._client._send(request)


class AgentsBase(_Resource):
    def list(self) -> list[models.AgentResponse]:
        """The tenant's agents."""
        return self._send(Request("GET", "/v1/agents", parse=into(list[models.AgentResponse])))

    def get(self, agent_id: Id) -> models.AgentResponse:
        return self._send(Request("GET", f"/v1/agents/{_id(agent_id)}", parse=into(models.AgentResponse)))

    def _create(self, name: str, description: str | None) -> Request:
        payload: dict[str, Any] = {"name": name}
        if description is not None:
            payload["description"] = description
        return Request("POST", "/v1/agents", json=payload, parse=into(models.AgentResponse))

    def publish_version(
        self, agent_id: Id, spec: Mapping[str, Any] | models.AgentSpec | os.PathLike[str]
    ) -> models.AgentVersionResponse:
        """Publishes ``spec`` as the agent's next version (the latest one again when unchanged).

        ``spec`` is the spec itself, or the path of a JSON file holding it (or holding the whole
        request body, ``{"spec": ...}``).
        """
        if isinstance(spec, os.PathLike):
            loaded = json.loads(Path(spec).read_text(encoding="utf-8"))
            request_body = loaded if "spec" in loaded else {"spec": loaded}
        else:
            request_body = {"spec": body(spec)}
        return self._send(
            Request(
                "POST",
                f"/v1/agents/{_id(agent_id)}/versions",
                json=request_body,
                parse=into(models.AgentVersionResponse),
            )
        )

    def list_versions(self, agent_id: Id) -> list[models.AgentVersionResponse]:
        return self._send(
            Request("GET", f"/v1/agents/{_id(agent_id)}/versions", parse=into(list[models.AgentVersionResponse]))
        )

    def get_version(self, agent_id: Id, version: int) -> models.AgentVersionResponse:
        return self._send(
            Request("GET", f"/v1/agents/{_id(agent_id)}/versions/{version}", parse=into(models.AgentVersionResponse))
        )

    def apply(self, files: Mapping[str, Any] | models.ApplyRequest, *, dry_run: bool = False) -> models.ApplyResponse:
        """Applies agent files in one transaction (``dry_run``: the plan only); see docs/agents-as-code.md."""
        request_body = body(files) if isinstance(files, models.ApplyRequest) else {
            "dryRun": dry_run,
            "files": {name: body(file) for name, file in files.items()},
        }
        return self._send(Request("POST", "/v1/apply", json=request_body, parse=into(models.ApplyResponse)))

    def export(self, agent_id: Id) -> models.AgentExportResponse:
        return self._send(
            Request("GET", f"/v1/agents/{_id(agent_id)}/export", parse=into(models.AgentExportResponse))
        )


class RunsBase(_Resource):
    def start(
        self,
        agent_name: str,
        input: Mapping[str, Any],
        *,
        idempotency_key: str | None = None,
        version: int | None = None,
        alias: str | None = None,
        routing_key: str | None = None,
    ) -> models.RunResponse:
        """Starts a run of ``agent_name`` on ``input`` (a JSON object).

        It carries an ``Idempotency-Key``, a fresh UUID when ``idempotency_key`` is None, so that
        retrying it (which this client does on 429 and 503) never starts a second run. Pass your
        own key to make a repeat of the call, even from another process, answer the same run.
        """
        payload: dict[str, Any] = {"agentName": agent_name, "input": dict(input)}
        for name, value in (("version", version), ("alias", alias), ("routingKey", routing_key)):
            if value is not None:
                payload[name] = value
        key = new_idempotency_key() if idempotency_key is None else idempotency_key
        return self._send(
            Request("POST", "/v1/runs", json=payload, headers={"Idempotency-Key": key}, parse=into(models.RunResponse))
        )

    def get(self, run_id: Id, *, wait_seconds: int | None = None) -> models.RunResponse:
        """The run; with ``wait_seconds`` (0-50), answered as soon as it ends or when the wait is over."""
        return self._send(
            Request(
                "GET",
                f"/v1/runs/{_id(run_id)}",
                params=params(waitSeconds=wait_seconds),
                parse=into(models.RunResponse),
                timeout=None if wait_seconds is None else wait_seconds + 30.0,
            )
        )

    def _page(self, cursor: str | None, limit: int | None, filters: Mapping[str, Any]) -> Request:
        return Request(
            "GET",
            "/v1/runs",
            params=params(cursor=cursor, limit=limit, **filters),
            parse=into(models.RunPageResponse),
        )

    @staticmethod
    def _filters(
        status: str | list[str] | None,
        agent_id: Id | None,
        agent_name: str | None,
        origin: str | None,
        parent_run_id: Id | None,
        root_run_id: Id | None,
        source_run_id: Id | None,
        created_after: datetime | str | None,
        created_before: datetime | str | None,
    ) -> dict[str, Any]:
        return params(
            status=status,
            agentId=None if agent_id is None else _id(agent_id),
            agentName=agent_name,
            origin=origin,
            parentRunId=None if parent_run_id is None else _id(parent_run_id),
            rootRunId=None if root_run_id is None else _id(root_run_id),
            sourceRunId=None if source_run_id is None else _id(source_run_id),
            createdAfter=None if created_after is None else _instant(created_after),
            createdBefore=None if created_before is None else _instant(created_before),
        )

    def _events_page(self, run_id: Id, after_seq: int) -> Request:
        return Request(
            "GET",
            f"/v1/runs/{_id(run_id)}/events",
            params={"afterSeq": after_seq},
            headers={"Accept": "application/json"},
            parse=lambda response: response.json(),
        )

    def cancel(self, run_id: Id, *, reason: str | None = None) -> models.RunResponse:
        return self._control(run_id, "cancel", reason)

    def pause(self, run_id: Id, *, reason: str | None = None) -> models.RunResponse:
        return self._control(run_id, "pause", reason)

    def resume(self, run_id: Id, *, reason: str | None = None) -> models.RunResponse:
        return self._control(run_id, "resume", reason)

    def _control(self, run_id: Id, action: str, reason: str | None) -> models.RunResponse:
        return self._send(
            Request("POST", f"/v1/runs/{_id(run_id)}/{action}", json=_control(reason), parse=into(models.RunResponse))
        )

    def transcript(self, run_id: Id) -> models.RunTranscriptResponse:
        return self._send(
            Request("GET", f"/v1/runs/{_id(run_id)}/transcript", parse=into(models.RunTranscriptResponse))
        )

    def tree(self, run_id: Id) -> models.RunTreeResponse:
        return self._send(Request("GET", f"/v1/runs/{_id(run_id)}/tree", parse=into(models.RunTreeResponse)))


class ApprovalsBase(_Resource):
    def _page(self, cursor: str | None, limit: int | None, filters: Mapping[str, Any]) -> Request:
        return Request(
            "GET",
            "/v1/approvals",
            params=params(cursor=cursor, limit=limit, **filters),
            parse=into(models.ApprovalPageResponse),
        )

    def for_run(self, run_id: Id) -> list[models.ApprovalResponse]:
        """The approvals of the run and of every run below it in its tree, oldest first."""
        return self._send(
            Request("GET", f"/v1/runs/{_id(run_id)}/approvals", parse=into(list[models.ApprovalResponse]))
        )

    def decide(
        self,
        run_id: Id,
        approval_id: Id,
        decision: Decision,
        arguments_sha256: str,
        *,
        comment: str | None = None,
    ) -> models.ApprovalResponse:
        """Approves or denies a pending call. ``arguments_sha256`` is the hash of the arguments the
        decider saw (``approval.arguments_sha256``): other arguments are refused with
        :class:`~agent_runtime.errors.PreconditionFailed` and nothing changes."""
        if decision not in ("approve", "deny"):
            raise ValueError("decision must be 'approve' or 'deny'")
        if not arguments_sha256:
            raise ValueError("arguments_sha256 is required: a decision binds to the arguments seen")
        payload: dict[str, Any] = {"decision": decision, "argumentsSha256": arguments_sha256}
        if comment is not None:
            payload["comment"] = comment
        return self._send(
            Request(
                "POST",
                f"/v1/runs/{_id(run_id)}/approvals/{_id(approval_id)}",
                json=payload,
                parse=into(models.ApprovalResponse),
            )
        )

    def approve(self, approval: models.ApprovalResponse, *, comment: str | None = None) -> models.ApprovalResponse:
        """Approves ``approval`` on the arguments it shows (its own ``arguments_sha256``)."""
        return self.decide(approval.run_id, approval.id, "approve", approval.arguments_sha256, comment=comment)

    def deny(self, approval: models.ApprovalResponse, *, comment: str | None = None) -> models.ApprovalResponse:
        return self.decide(approval.run_id, approval.id, "deny", approval.arguments_sha256, comment=comment)


class ArtifactsBase(_Resource):
    def list(self, run_id: Id) -> list[models.ArtifactResponse]:
        return self._send(
            Request("GET", f"/v1/runs/{_id(run_id)}/artifacts", parse=into(list[models.ArtifactResponse]))
        )

    @staticmethod
    def _content_path(run_id: Id, name: str) -> str:
        return f"/v1/runs/{_id(run_id)}/artifacts/{quote(name, safe='')}/content"


class TenantsBase(_Resource):
    """Platform administration (a ``platform-admin`` token)."""

    def create(self, id: str, display_name: str) -> models.TenantResponse:
        return self._send(
            Request("POST", "/v1/tenants", json={"id": id, "displayName": display_name}, parse=into(models.TenantResponse))
        )

    def list(self) -> list[models.TenantResponse]:
        return self._send(Request("GET", "/v1/tenants", parse=into(list[models.TenantResponse])))

    def get(self, id: str) -> models.TenantResponse:
        return self._send(Request("GET", f"/v1/tenants/{id}", parse=into(models.TenantResponse)))

    def suspend(self, id: str, *, reason: str | None = None, runs: str | None = None) -> models.TenantResponse:
        return self._send(
            Request("POST", f"/v1/tenants/{id}/suspend", json=params(reason=reason, runs=runs), parse=into(models.TenantResponse))
        )

    def resume(self, id: str, *, resume_runs: bool | None = None) -> models.TenantResponse:
        return self._send(
            Request("POST", f"/v1/tenants/{id}/resume", json=params(resumeRuns=resume_runs), parse=into(models.TenantResponse))
        )


class SchedulesBase(_Resource):
    def create(self, schedule: Mapping[str, Any] | models.CreateScheduleRequest) -> models.ScheduleResponse:
        return self._send(Request("POST", "/v1/schedules", json=body(schedule), parse=into(models.ScheduleResponse)))

    def _page(self, cursor: str | None, limit: int | None, filters: Mapping[str, Any]) -> Request:
        return Request(
            "GET", "/v1/schedules", params=params(cursor=cursor, limit=limit), parse=into(models.SchedulePageResponse)
        )

    def get(self, schedule_id: Id) -> models.ScheduleResponse:
        return self._send(Request("GET", f"/v1/schedules/{_id(schedule_id)}", parse=into(models.ScheduleResponse)))

    def update(self, schedule_id: Id, changes: Mapping[str, Any] | models.UpdateScheduleRequest) -> models.ScheduleResponse:
        return self._send(
            Request("PATCH", f"/v1/schedules/{_id(schedule_id)}", json=body(changes), parse=into(models.ScheduleResponse))
        )

    def delete(self, schedule_id: Id) -> None:
        return self._send(Request("DELETE", f"/v1/schedules/{_id(schedule_id)}", parse=nothing))

    def pause(self, schedule_id: Id, *, note: str | None = None) -> models.ScheduleResponse:
        return self._action(schedule_id, "pause", params(note=note) or None)

    def unpause(self, schedule_id: Id, *, note: str | None = None) -> models.ScheduleResponse:
        return self._action(schedule_id, "unpause", params(note=note) or None)

    def trigger(self, schedule_id: Id) -> models.ScheduleResponse:
        return self._action(schedule_id, "trigger", None)

    def _action(self, schedule_id: Id, action: str, payload: Any) -> models.ScheduleResponse:
        return self._send(
            Request("POST", f"/v1/schedules/{_id(schedule_id)}/{action}", json=payload, parse=into(models.ScheduleResponse))
        )


class WebhooksBase(_Resource):
    def create(
        self, name: str, url: str, event_types: list[str], *, enabled: bool | None = None
    ) -> models.WebhookResponse:
        """Creates a webhook; its ``secret`` is in this answer only."""
        payload = params(name=name, url=url, eventTypes=event_types, enabled=enabled)
        return self._send(Request("POST", "/v1/webhooks", json=payload, parse=into(models.WebhookResponse)))

    def list(self) -> list[models.WebhookResponse]:
        return self._send(Request("GET", "/v1/webhooks", parse=into(list[models.WebhookResponse])))

    def get(self, webhook_id: Id) -> models.WebhookResponse:
        return self._send(Request("GET", f"/v1/webhooks/{_id(webhook_id)}", parse=into(models.WebhookResponse)))

    def update(self, webhook_id: Id, changes: Mapping[str, Any] | models.UpdateWebhookRequest) -> models.WebhookResponse:
        return self._send(
            Request("PATCH", f"/v1/webhooks/{_id(webhook_id)}", json=body(changes), parse=into(models.WebhookResponse))
        )

    def delete(self, webhook_id: Id) -> None:
        return self._send(Request("DELETE", f"/v1/webhooks/{_id(webhook_id)}", parse=nothing))

    def rotate_secret(self, webhook_id: Id, *, overlap_seconds: int | None = None) -> models.WebhookResponse:
        return self._send(
            Request(
                "POST",
                f"/v1/webhooks/{_id(webhook_id)}/rotate-secret",
                json=params(overlapSeconds=overlap_seconds) or None,
                parse=into(models.WebhookResponse),
            )
        )

    def deliveries(self, webhook_id: Id, *, cursor: str | None = None, limit: int | None = None) -> models.WebhookDeliveryPageResponse:
        """One page of the webhook's delivery log, newest first."""
        return self._send(
            Request(
                "GET",
                f"/v1/webhooks/{_id(webhook_id)}/deliveries",
                params=params(cursor=cursor, limit=limit),
                parse=into(models.WebhookDeliveryPageResponse),
            )
        )


class UsageBase(_Resource):
    def get(
        self,
        from_: datetime | str,
        to: datetime | str,
        *,
        group_by: Literal["agent", "model", "day"] | None = None,
        tenant: str | None = None,
    ) -> models.UsageResponse:
        """Model calls, tokens and cost over ``[from_, to)`` (RFC 3339 or aware datetimes)."""
        return self._send(
            Request(
                "GET",
                "/v1/usage",
                params=params(**{"from": _instant(from_), "to": _instant(to), "groupBy": group_by, "tenant": tenant}),
                parse=into(models.UsageResponse),
            )
        )
