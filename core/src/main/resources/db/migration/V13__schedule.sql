-- Schedules (docs/architecture.md#schedules). A schedule's state lives in Temporal (one Temporal
-- Schedule per row, id 'schedule:<tenant>:<id>'); this table keeps what the API lists and what a
-- fire needs (the agent, the version and the input), so Temporal's payloads stay small and a
-- change of the input is one row. Persist-then-act, as for runs: the API bumps `generation` and
-- commits before it calls Temporal, then records `applied_generation`; the reconciler applies
-- every row whose applied generation lags (a crash between the two), and deletes from Temporal
-- the rows marked `deleted_at` before it removes them.
create table schedule (
    id                     uuid        primary key,
    tenant_id              text        not null references tenant (id),
    name                   text        not null check (name ~ '^[A-Za-z][A-Za-z0-9_.-]{0,62}$'),
    agent_name             text        not null check (length(agent_name) between 1 and 63),
    agent_version          int         check (agent_version > 0),
    input                  jsonb       not null check (jsonb_typeof(input) = 'object'),
    -- When it fires, as the API answered it: cron or interval, time zone, start, end, jitter.
    timing                 jsonb       not null check (jsonb_typeof(timing) = 'object'),
    overlap                text        not null
                                       check (overlap in ('skip', 'buffer-one', 'allow-all')),
    catchup_window_seconds int         not null
                                       check (catchup_window_seconds between 10 and 31536000),
    pause_on_failure       boolean     not null default false,
    generation             bigint      not null default 1 check (generation > 0),
    applied_generation     bigint      not null default 0
                                       check (applied_generation between 0 and generation),
    deleted_at             timestamptz,
    created_at             timestamptz not null default now(),
    created_by             text        not null check (length(created_by) between 1 and 255),
    updated_at             timestamptz not null default now(),
    unique (tenant_id, name)
);

-- The reconciler's queue: rows Temporal has not caught up with (lagging or deleted).
create index schedule_unapplied on schedule (updated_at)
    where applied_generation < generation or deleted_at is not null;

-- A run a schedule fired names the schedule and the fire's scheduled (nominal, unjittered) time.
-- No foreign key: a deleted schedule's runs keep saying where they came from.
alter table run
    add column schedule_id  uuid,
    add column scheduled_at timestamptz,
    add constraint run_schedule_shape check (
        (origin = 'schedule') = (schedule_id is not null)
        and (schedule_id is null) = (scheduled_at is null));

-- A schedule's own runs, newest fire first.
create index run_tenant_schedule_fire on run (tenant_id, schedule_id, scheduled_at desc)
    where schedule_id is not null;

-- admit_run (V11) learns about schedules. For a fire (p_schedule set):
--   * the schedule id and the scheduled time are recorded on the run;
--   * the run is dispatched at once: the fire's own workflow (ScheduleFireWorkflow) starts the
--     run's workflow as its child from its durable history, so the API's reconciler must never
--     start it as a workflow of its own (the same reasoning as for a parent's child runs).
-- The caller derives the idempotency key from the schedule and the scheduled time
-- (core ScheduledFire), so a fire admits at most one run.
drop function admit_run(text, uuid, uuid, text, int, jsonb, text, text, text, text, uuid, int, int,
                        int);

create function admit_run(p_tenant text, p_run uuid, p_agent_id uuid, p_agent_name text,
                          p_version int, p_input jsonb, p_idempotency_key text,
                          p_request_hash text, p_origin text, p_created_by text,
                          p_parent uuid default null, p_max_steps int default null,
                          p_max_tokens int default null, p_max_depth int default null,
                          p_schedule uuid default null, p_scheduled_at timestamptz default null)
    returns table (outcome text, run_id uuid, agent_id uuid, agent_name text,
                   agent_version_id uuid, agent_version int, workflow_id text,
                   created_at timestamptz, dispatched boolean)
    language plpgsql as
$$
#variable_conflict use_column
declare
    v_agent_id   uuid;
    v_agent_name text;
    v_version_id uuid;
    v_version    int;
    v_workflow   text;
    v_created    timestamptz;
    v_root       uuid;
    v_depth      int := 0;
    v_parent_wf  text;
begin
    if (p_agent_id is null) = (p_agent_name is null) then
        raise exception 'exactly one of an agent id and an agent name names the agent'
            using errcode = 'invalid_parameter_value';
    end if;
    -- Two passes at most: the second answers a concurrent admission that took the key first.
    for pass in 1..2 loop
        if p_idempotency_key is not null then
            return query
                select case when r.request_hash = p_request_hash then 'replayed'
                            else 'key_reused' end,
                       r.id, r.agent_id, a.name, r.agent_version_id, v.version, r.workflow_id,
                       r.created_at, r.dispatched_at is not null
                from run r
                join agent a on a.tenant_id = r.tenant_id and a.id = r.agent_id
                join agent_version v on v.tenant_id = r.tenant_id and v.id = r.agent_version_id
                where r.tenant_id = p_tenant and r.idempotency_key = p_idempotency_key;
            if found then
                return;
            end if;
        end if;
        if p_parent is not null then
            select coalesce(r.root_run_id, r.id), r.depth + 1, r.workflow_id
            into v_root, v_depth, v_parent_wf
            from run r where r.tenant_id = p_tenant and r.id = p_parent;
            if not found then
                return query select 'not_found', null::uuid, null::uuid, null::text, null::uuid,
                                    null::int, null::text, null::timestamptz, false;
                return;
            end if;
        end if;
        -- By name: the tenant's agent of that name (none in another tenant's namespace).
        v_agent_id := p_agent_id;
        if v_agent_id is null then
            select a.id into v_agent_id from agent a
            where a.tenant_id = p_tenant and a.name = p_agent_name;
        end if;
        select a.id, a.name, v.id, v.version
        into v_agent_id, v_agent_name, v_version_id, v_version
        from agent a
        join agent_version v on v.tenant_id = a.tenant_id and v.agent_id = a.id
        where a.tenant_id = p_tenant and a.id = v_agent_id
          and (p_version is null or v.version = p_version)
        order by v.version desc
        limit 1;
        if not found then
            return query select 'not_found', null::uuid, null::uuid, null::text, null::uuid,
                                null::int, null::text, null::timestamptz, false;
            return;
        end if;
        v_workflow := v_agent_name || ':v' || v_version || ':' || p_run;
        v_workflow := case when p_parent is null then p_tenant || ':' || v_workflow
                           else v_parent_wf || '/' || v_workflow end;
        v_created := date_trunc('microseconds', clock_timestamp());
        insert into run (id, tenant_id, agent_id, agent_version_id, workflow_id, status, input,
                         idempotency_key, request_hash, created_at, created_by, origin,
                         parent_run_id, root_run_id, depth, max_steps, max_tokens, max_depth,
                         schedule_id, scheduled_at, dispatched_at)
        values (p_run, p_tenant, v_agent_id, v_version_id, v_workflow, 'queued', p_input,
                p_idempotency_key, p_request_hash, v_created, p_created_by, p_origin,
                p_parent, v_root, v_depth, p_max_steps, p_max_tokens, p_max_depth,
                p_schedule, p_scheduled_at,
                case when p_parent is null and p_schedule is null then null else v_created end)
        on conflict (tenant_id, idempotency_key) do nothing;
        if found then
            insert into run_event (tenant_id, run_id, seq, type, event_key, payload)
            values (p_tenant, p_run, 1, 'run.queued', 'run/queued',
                    jsonb_build_object('agentName', v_agent_name, 'agentVersion', v_version));
            return query select 'admitted', p_run, v_agent_id, v_agent_name, v_version_id,
                                v_version, v_workflow, v_created,
                                p_parent is not null or p_schedule is not null;
            return;
        end if;
    end loop;
    raise exception 'the idempotency key of run % was taken and then not found', p_run;
end
$$;
