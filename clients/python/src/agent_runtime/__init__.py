"""The Python SDK of Agent Runtime's HTTP API: typed models, a sync and an async client.

    from agent_runtime import Client
    with Client("http://127.0.0.1:8080", token) as client:
        run = client.runs.start("notes", {"message": "hi"})
        for event in client.runs.events(run.id, follow=True):
            print(event.seq, event.type)
"""

from . import errors, models
from ._async import AsyncClient, AsyncEventStream
from ._core import RetryPolicy, Token
from ._sync import Client, EventStream, RunWaitTimeout
from .errors import (
    AgentRuntimeError,
    ApiError,
    BadRequest,
    Conflict,
    Forbidden,
    Gone,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    RateLimited,
    ServerError,
    Unauthorized,
    Unavailable,
    Unprocessable,
)
from .events import TERMINAL_EVENT_TYPES, TERMINAL_STATUSES, RunEvent, UnknownEvent, parse_event

__version__ = "0.1.0"

__all__ = [
    "AgentRuntimeError",
    "ApiError",
    "AsyncClient",
    "AsyncEventStream",
    "BadRequest",
    "Client",
    "Conflict",
    "EventStream",
    "Forbidden",
    "Gone",
    "NotFound",
    "PayloadTooLarge",
    "PreconditionFailed",
    "RateLimited",
    "RetryPolicy",
    "RunEvent",
    "RunWaitTimeout",
    "ServerError",
    "TERMINAL_EVENT_TYPES",
    "TERMINAL_STATUSES",
    "Token",
    "Unauthorized",
    "Unavailable",
    "UnknownEvent",
    "Unprocessable",
    "errors",
    "models",
    "parse_event",
]
