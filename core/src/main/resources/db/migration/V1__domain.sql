-- Agent Runtime domain schema. Every tenant-owned row carries tenant_id, and every foreign key
-- between tenant-owned rows includes tenant_id, so a row can never point into another tenant.

create table tenant (
    id           text primary key check (id ~ '^[a-z][a-z0-9-]{1,62}$'),
    display_name text        not null check (length(display_name) between 1 and 200),
    created_at   timestamptz not null default now()
);

create table agent (
    id          uuid primary key,
    tenant_id   text        not null references tenant (id),
    name        text        not null check (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    description text check (length(description) <= 2000),
    created_at  timestamptz not null default now(),
    unique (tenant_id, name),
    unique (tenant_id, id)
);

create table agent_version (
    id           uuid primary key,
    tenant_id    text        not null,
    agent_id     uuid        not null,
    version      int         not null check (version > 0),
    spec         jsonb       not null,
    content_hash text        not null check (content_hash ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz not null default now(),
    unique (agent_id, version),
    unique (tenant_id, id),
    foreign key (tenant_id, agent_id) references agent (tenant_id, id)
);

-- Versions are immutable: runs are pinned to them for life. The database refuses any change,
-- whatever client or bug issues it.
create function refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception '% rows are immutable', tg_table_name using errcode = 'integrity_constraint_violation';
end
$$;

create trigger agent_version_immutable
    before update or delete on agent_version
    for each row execute function refuse_change();
create trigger agent_version_no_truncate
    before truncate on agent_version
    for each statement execute function refuse_change();

create table run (
    id               uuid primary key,
    tenant_id        text        not null,
    agent_id         uuid        not null,
    agent_version_id uuid        not null,
    workflow_id      text        not null unique,
    status           text        not null check (status in ('queued', 'running', 'paused',
                                                            'waiting_for_approval', 'succeeded',
                                                            'failed', 'cancelled', 'timed_out')),
    input            jsonb       not null,
    idempotency_key  text check (length(idempotency_key) between 1 and 200),
    request_hash     text        not null,
    status_reason    text,
    steps            int         not null default 0,
    total_tokens     int         not null default 0,
    created_at       timestamptz not null default now(),
    dispatched_at    timestamptz,
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz not null default now(),
    unique (tenant_id, id),
    unique (tenant_id, idempotency_key),
    foreign key (tenant_id, agent_id) references agent (tenant_id, id),
    foreign key (tenant_id, agent_version_id) references agent_version (tenant_id, id)
);

-- The reconciler scans for accepted runs whose workflow start was never confirmed.
create index run_undispatched on run (created_at) where dispatched_at is null;
create index run_tenant_created on run (tenant_id, created_at desc);

create table run_event (
    id         bigserial primary key,
    tenant_id  text        not null,
    run_id     uuid        not null,
    seq        int         not null check (seq > 0),
    type       text        not null,
    event_key  text        not null,
    payload    jsonb       not null default '{}'::jsonb,
    created_at timestamptz not null default now(),
    unique (run_id, seq),
    unique (run_id, event_key),
    foreign key (tenant_id, run_id) references run (tenant_id, id)
);

create trigger run_event_append_only
    before update or delete on run_event
    for each row execute function refuse_change();

create table artifact (
    id           uuid primary key,
    tenant_id    text        not null,
    run_id       uuid        not null,
    name         text        not null,
    content_type text        not null,
    size_bytes   bigint      not null check (size_bytes >= 0),
    sha256       text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    object_key   text        not null,
    created_at   timestamptz not null default now(),
    unique (run_id, name),
    unique (tenant_id, id),
    foreign key (tenant_id, run_id) references run (tenant_id, id)
);

-- Appends one event to a run's timeline, idempotently: the same event_key always yields the same
-- seq, so an activity retried after a crash never doubles an event. Sequence numbers are gapless
-- and ordered because the run row is locked while the next one is taken.
create function append_run_event(p_tenant text, p_run uuid, p_key text, p_type text, p_payload jsonb)
    returns int
    language plpgsql as
$$
declare
    next_seq int;
begin
    perform 1 from run where id = p_run and tenant_id = p_tenant for update;
    if not found then
        raise exception 'run % of tenant % does not exist', p_run, p_tenant using errcode = 'no_data_found';
    end if;
    select seq into next_seq from run_event where run_id = p_run and event_key = p_key;
    if found then
        return next_seq;
    end if;
    select coalesce(max(seq), 0) + 1 into next_seq from run_event where run_id = p_run;
    insert into run_event (tenant_id, run_id, seq, type, event_key, payload)
    values (p_tenant, p_run, next_seq, p_type, p_key, coalesce(p_payload, '{}'::jsonb));
    return next_seq;
end
$$;
