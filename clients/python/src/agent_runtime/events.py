"""Run events: the typed union of every event type, and parsing that survives a newer API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import models

#: The last event of every run: nothing is appended after one of these.
TERMINAL_EVENT_TYPES = frozenset({"run.succeeded", "run.failed", "run.timed_out", "run.cancelled"})

#: Statuses a run never leaves.
TERMINAL_STATUSES = frozenset({"succeeded", "failed", "timed_out", "cancelled"})


class UnknownEvent(BaseModel):
    """An event this SDK's models do not describe (a type added by a newer API): payload as sent."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    seq: int
    type: str
    payload: dict[str, Any]
    created_at: datetime = Field(alias="createdAt")


#: Any run event: one ``<Type>Event`` model per type (``models.RunSucceededEvent`` for
#: ``run.succeeded``, with a typed ``payload``), or :class:`UnknownEvent`.
RunEvent = Union[
    models.RunQueuedEvent,
    models.RunStartedEvent,
    models.ModelCallCompletedEvent,
    models.ModelCallFailedEvent,
    models.AgentTurnCompletedEvent,
    models.AgentTurnFailedEvent,
    models.ToolCallCompletedEvent,
    models.ToolCallFailedEvent,
    models.ArtifactCreatedEvent,
    models.RunSucceededEvent,
    models.RunFailedEvent,
    models.RunTimedOutEvent,
    models.RunCancelledEvent,
    models.RunCancelRequestedEvent,
    models.RunPauseRequestedEvent,
    models.RunResumeRequestedEvent,
    models.RunPausedEvent,
    models.RunResumedEvent,
    models.ApprovalRequestedEvent,
    models.ApprovalDecidedEvent,
    models.ChildRunStartedEvent,
    models.TreeApprovalRequestedEvent,
    models.PipelineStepEndedEvent,
    models.TenantBudgetSoftExceededEvent,
    models.StepReusedEvent,
    models.ApprovalCarriedEvent,
    models.KernelDependencyUnavailableEvent,
    models.RunSearchAttributesMissingEvent,
    UnknownEvent,
]


def parse_event(data: dict[str, Any]) -> RunEvent:
    """The typed event for one item of a run's timeline (``{seq, type, payload, createdAt}``).

    A type the models do not know, or a payload they cannot read, is answered as an
    :class:`UnknownEvent` rather than refused: a newer API must not break a follower.
    """
    try:
        return models.RunEventResponse.model_validate(data).root
    except ValidationError:
        return UnknownEvent.model_validate(data)


def is_terminal(event: RunEvent) -> bool:
    return event.type in TERMINAL_EVENT_TYPES
