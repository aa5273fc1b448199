-- Retention (docs/operations.md#retention) and tenant deletion (docs/api.md#deleting-a-tenant).
--
-- A finished run keeps its events, transcripts, agent state, artifacts, approvals and webhook
-- deliveries for its tenant's retention, then the API's purge removes them. The run row itself
-- stays, marked purged (status, input, timestamps, counters: lists and usage stay consistent,
-- model_usage rows stay) until the tenant is deleted. The purge is persist-then-act: a run is first marked (purge_started_at, committed),
-- then its objects are deleted, then its rows and the mark of the end (purged_at) commit together,
-- so a crash between the steps leaves a marked run the next pass finishes, never a half-purged run
-- that looks whole.

-- Null: the operator's default (agent-runtime.retention.*). "failed" covers failed, cancelled and
-- timed_out runs, which operators often keep longer to investigate.
alter table tenant_policy
    add column keep_succeeded_runs_days int check (keep_succeeded_runs_days between 1 and 36500),
    add column keep_failed_runs_days    int check (keep_failed_runs_days between 1 and 36500),
    -- A legal hold on the whole tenant: none of its runs is purged while it is set.
    add column legal_hold               boolean not null default false;

alter table run
    add column held_at          timestamptz,
    add column held_by          text check (length(held_by) between 1 and 255),
    add column purge_started_at timestamptz,
    add column purged_at        timestamptz,
    add constraint run_hold_shape check ((held_at is null) = (held_by is null)),
    -- Only a finished run is purged, and a purge ends only after it began.
    add constraint run_purge_shape
        check ((purge_started_at is null
                or status in ('succeeded', 'failed', 'cancelled', 'timed_out'))
               and (purged_at is null or purge_started_at is not null));

-- The purge's two questions, each from a small partial index: which finished runs are due, and
-- which purges a crash left unfinished.
create index run_purge_due on run (finished_at)
    where purge_started_at is null and finished_at is not null;
create index run_purge_unfinished on run (purge_started_at)
    where purge_started_at is not null and purged_at is null;

-- A tenant's deletion: its receipt, kept after the tenant is gone, and the tombstone that keeps
-- its id from being used again (one row per id, ever). No foreign key to tenant: it outlives it.
create table tenant_deletion (
    id           uuid        primary key,
    tenant_id    text        not null unique check (tenant_id ~ '^[a-z][a-z0-9-]{1,62}$'),
    requested_at timestamptz not null default now(),
    requested_by text        not null check (length(requested_by) between 1 and 255),
    -- Counts per kind of what was deleted (rows per table, objects, workflows, schedules), added
    -- to as each step of the deletion commits.
    deleted      jsonb       not null default '{}'::jsonb,
    finished_at  timestamptz,
    -- The deletion job's lease: one API replica works on a deletion at a time.
    leased_until timestamptz
);

create index tenant_deletion_unfinished on tenant_deletion (requested_at) where finished_at is null;

-- A deleted tenant's id is never a new tenant's: whatever path inserts one.
create function refuse_deleted_tenant_ids() returns trigger
language plpgsql as $$
begin
    if exists (select 1 from tenant_deletion where tenant_id = new.id) then
        raise exception 'tenant id % belonged to a deleted tenant', new.id
            using errcode = 'unique_violation';
    end if;
    return new;
end
$$;

create trigger tenant_id_not_deleted before insert on tenant
    for each row execute function refuse_deleted_tenant_ids();

-- A tenant being deleted admits no run, even if someone resumes it meanwhile: the rule of V18,
-- with the deletion as a second reason (the same refusal, AR001, answered 403 tenant-suspended).
create or replace function refuse_runs_of_suspended_tenants() returns trigger
language plpgsql as $$
declare
    v_suspended timestamptz;
begin
    select suspended_at into v_suspended from tenant where id = new.tenant_id for share;
    if v_suspended is not null
       or exists (select 1 from tenant_deletion where tenant_id = new.tenant_id) then
        raise exception 'tenant % is suspended', new.tenant_id using errcode = 'AR001';
    end if;
    return new;
end
$$;

-- Immutable rows (events, versions, pins) stay immutable, with two erasures: a run's events go
-- while its purge is under way, and every row of a tenant goes while its deletion is under way.
create function refuse_change_unless_erased() returns trigger
language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if exists (select 1 from tenant_deletion
                    where tenant_id = old.tenant_id and finished_at is null) then
            return old;
        end if;
        -- run_id read through jsonb: the other tables' rows have no such field, and PL/pgSQL
        -- would refuse to name it.
        if tg_table_name = 'run_event'
           and exists (select 1 from run
                        where tenant_id = old.tenant_id
                          and id = (to_jsonb(old) ->> 'run_id')::uuid
                          and purge_started_at is not null) then
            return old;
        end if;
    end if;
    raise exception '% rows are immutable', tg_table_name using errcode = 'integrity_constraint_violation';
end
$$;

drop trigger run_event_append_only on run_event;
create trigger run_event_append_only
    before update or delete on run_event
    for each row execute function refuse_change_unless_erased();

drop trigger agent_version_immutable on agent_version;
create trigger agent_version_immutable
    before update or delete on agent_version
    for each row execute function refuse_change_unless_erased();

drop trigger mcp_tool_pin_immutable on mcp_tool_pin;
create trigger mcp_tool_pin_immutable
    before update or delete on mcp_tool_pin
    for each row execute function refuse_change_unless_erased();
