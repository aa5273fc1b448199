"""Errors: every API error answer is raised as an :class:`ApiError` carrying its problem+json.

The class says the kind of failure (by HTTP status); ``problem_type`` says exactly which one
(``approval-arguments-mismatch``, ``run-state-conflict``, ...), as listed in docs/api.md.
"""

from __future__ import annotations

import email.utils
import json
import time
from dataclasses import dataclass
from typing import Any, Mapping

PROBLEM_TYPE_PREFIX = "https://agent-runtime.dev/problems/"


class AgentRuntimeError(Exception):
    """Base of every error this SDK raises itself."""


@dataclass(frozen=True)
class Violation:
    """One reason a request was refused: the offending field and what is wrong with it."""

    field: str
    message: str


class ApiError(AgentRuntimeError):
    """An error answer (4xx or 5xx) of the API, with the fields of its problem+json body.

    ``type``, ``title``, ``status``, ``detail``, ``instance`` and ``violations`` are the problem's
    (RFC 9457); ``retry_after`` is the ``Retry-After`` header in seconds, None without one;
    ``headers`` and ``body`` are the answer's as received.
    """

    def __init__(
        self,
        status: int,
        *,
        type: str | None = None,
        title: str | None = None,
        detail: str | None = None,
        instance: str | None = None,
        violations: list[Violation] | None = None,
        retry_after: float | None = None,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
    ) -> None:
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.instance = instance
        self.violations = violations or []
        self.retry_after = retry_after
        self.headers: Mapping[str, str] = headers if headers is not None else {}
        self.body = body
        super().__init__(self._line())

    @property
    def problem_type(self) -> str | None:
        """The short type: ``not-found`` for ``https://agent-runtime.dev/problems/not-found``."""
        if self.type and self.type.startswith(PROBLEM_TYPE_PREFIX):
            return self.type[len(PROBLEM_TYPE_PREFIX):]
        return self.type

    def _line(self) -> str:
        line = f"{self.status} {self.problem_type or self.title or 'error'}"
        if self.detail:
            line += f": {self.detail}"
        if self.violations:
            line += " (" + "; ".join(f"{v.field}: {v.message}" for v in self.violations) + ")"
        if self.instance:
            line += f" [{self.instance}]"
        return line


class BadRequest(ApiError):
    """400: the request is malformed or invalid; ``violations`` names the fields it can."""


class Unprocessable(BadRequest):
    """422: well-formed but refused (an invalid spec, an idempotency key reused with another body)."""


class Unauthorized(ApiError):
    """401: the token is missing, malformed, forged or expired."""


class Forbidden(ApiError):
    """403: the token lacks the role, or its tenant does not exist or is suspended."""


class NotFound(ApiError):
    """404: no such resource in the token's tenant (another tenant's is not found either)."""


class Conflict(ApiError):
    """409: a duplicate, or a state that does not allow the request; ``Location`` may name the existing one."""


class Gone(ApiError):
    """410: expired (an approval decided after its ``expiresAt``)."""


class PreconditionFailed(ApiError):
    """412: an ``If-Match`` or an approval's ``argumentsSha256`` that is not the current one."""


class PayloadTooLarge(ApiError):
    """413: the body is over the API's limit."""


class RateLimited(ApiError):
    """429: over the tenant's admission rate, budget or open streams; ``retry_after`` says when to try again."""


class ServerError(ApiError):
    """5xx: a fault on the server's side."""


class Unavailable(ServerError):
    """503: a dependency of the API is unavailable; ``retry_after`` says when to try again, when it knows."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    410: Gone,
    412: PreconditionFailed,
    413: PayloadTooLarge,
    422: Unprocessable,
    429: RateLimited,
    503: Unavailable,
}


def error_class(status: int) -> type[ApiError]:
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return ServerError if status >= 500 else ApiError


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` in seconds: delta-seconds or an HTTP-date; None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def from_answer(status: int, headers: Mapping[str, str], content: bytes) -> ApiError:
    """The error for an answer of ``status``, read from its problem+json body when it has one."""
    body: Any = None
    problem: dict[str, Any] = {}
    if content:
        try:
            body = json.loads(content)
        except ValueError:
            body = content.decode("utf-8", "replace")
        if isinstance(body, dict):
            problem = body
    raw_violations = problem.get("violations")
    violations = [
        Violation(str(v.get("field", "")), str(v.get("message", "")))
        for v in (raw_violations if isinstance(raw_violations, list) else [])
        if isinstance(v, dict)
    ]
    retry_after = parse_retry_after(headers.get("retry-after"))
    return error_class(status)(
        status,
        type=problem.get("type"),
        title=problem.get("title"),
        detail=problem.get("detail") if problem else (body if isinstance(body, str) else None),
        instance=problem.get("instance"),
        violations=violations,
        retry_after=retry_after,
        headers=headers,
        body=body,
    )
