-- Approvals: a tool call that waits for a person. The arguments are kept as the canonical JSON
-- (RFC 8785) the approver saw and hashes; a decision names that hash.
create table run_approval (
    id               text primary key,
    tenant_id        text        not null,
    run_id           uuid        not null,
    step             int         not null check (step > 0),
    call_index       int         not null check (call_index >= 0),
    tool_call_id     text,
    tool_name        text        not null,
    arguments        text        not null,
    arguments_sha256 text        not null check (arguments_sha256 ~ '^[0-9a-f]{64}$'),
    approver_roles   text[]      not null,
    status           text        not null check (status in ('pending', 'approved', 'denied',
                                                            'expired', 'cancelled')),
    requested_at     timestamptz not null default now(),
    expires_at       timestamptz not null,
    decided_by       text,
    decided_at       timestamptz,
    comment          text,
    unique (run_id, step, call_index),
    foreign key (tenant_id, run_id) references run (tenant_id, id)
);

create index run_approval_run on run_approval (tenant_id, run_id, requested_at);
