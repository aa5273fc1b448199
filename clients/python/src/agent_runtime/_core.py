"""What the sync and the async client share: requests as data, retry decisions, parsing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, TypeVar, Union

import httpx
from pydantic import BaseModel, TypeAdapter

from . import errors

#: A bearer token, or a callable asked for one before every request (to refresh it).
Token = Union[str, Callable[[], str]]

T = TypeVar("T")

#: The statuses a safe request is retried on, after ``Retry-After`` when the answer has one.
RETRIED_STATUSES = frozenset({429, 503})


@dataclass(frozen=True)
class RetryPolicy:
    """How 429 and 503 answers are retried: only GETs and POSTs that carry an ``Idempotency-Key``
    (a repeat of those cannot do anything twice), at most ``max_attempts`` times in all.

    The wait is the answer's ``Retry-After`` when it has one, else ``backoff`` seconds doubling per
    attempt; either is capped at ``max_wait``. A ``Retry-After`` above ``max_wait`` is not
    waited for: the error is raised at once, with ``retry_after`` for the caller to decide.
    Defaults: 4 attempts, 1 s backoff, 30 s cap. ``max_attempts=1`` turns retries off.
    """

    max_attempts: int = 4
    backoff: float = 1.0
    max_wait: float = 30.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.backoff < 0 or self.max_wait < 0:
            raise ValueError("backoff and max_wait must not be negative")

    def delay(self, error: errors.ApiError, attempt: int) -> float | None:
        """Seconds to wait before attempt ``attempt + 1``, or None to raise ``error`` now."""
        if error.status not in RETRIED_STATUSES or attempt >= self.max_attempts:
            return None
        if error.retry_after is not None:
            return error.retry_after if error.retry_after <= self.max_wait else None
        return min(self.backoff * 2 ** (attempt - 1), self.max_wait)


@dataclass
class Request:
    """One API call: what to send and how to read a successful answer."""

    method: str
    path: str
    params: Mapping[str, Any] | None = None
    json: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    parse: Callable[[httpx.Response], Any] = lambda response: None
    timeout: float | None = None

    @property
    def retryable(self) -> bool:
        return self.method == "GET" or (
            self.method == "POST" and "Idempotency-Key" in self.headers
        )


def token_value(token: Token) -> str:
    return token() if callable(token) else token


def body(value: Any) -> Any:
    """A request body as JSON: models by their wire names, only the fields that were set."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return value


def params(**values: Any) -> dict[str, Any]:
    """Query parameters without the ones not given (None)."""
    return {name: value for name, value in values.items() if value is not None}


def into(model: type[T]) -> Callable[[httpx.Response], T]:
    adapter = TypeAdapter(model)
    return lambda response: adapter.validate_json(response.content)


def nothing(response: httpx.Response) -> None:
    return None


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


def error_of(response: httpx.Response, content: bytes) -> errors.ApiError:
    return errors.from_answer(response.status_code, response.headers, content)


def user_agent() -> str:
    from . import __version__

    return f"agent-runtime-python/{__version__} httpx/{httpx.__version__}"


def stream_timeout(connect: float) -> httpx.Timeout:
    # The API sends a keep-alive comment every 15 s on an idle stream: a read that waits four
    # times that long is on a dead connection.
    return httpx.Timeout(connect=connect, read=60.0, write=connect, pool=connect)
