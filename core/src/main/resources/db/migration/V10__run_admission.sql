-- Where a run came from: the API today; schedules, triggers, parent runs and forks as they land.
-- Every run admitted before this migration came through POST /v1/runs. The default that says so is
-- dropped at once, so every later admission must name its origin.
alter table run
    add column origin text not null default 'api'
        check (origin in ('api', 'schedule', 'trigger', 'parent', 'fork'));
alter table run alter column origin drop default;

-- GET /v1/runs?origin=... Runs of the rarer origins (a schedule's, a trigger's) are found without
-- walking the tenant's API runs.
create index run_tenant_origin_created_id on run (tenant_id, origin, created_at desc, id desc);

-- The one admission path. Every origin of a run (the API, and later a schedule, a trigger, a
-- parent run, a fork) creates it here, so the rules are written once and hold for all:
--   * the agent and the version are resolved within the tenant (by id or by name; the latest
--     version when none is named), so no tenant can pin a run to another tenant's version;
--   * the workflow id is '<tenant>:<agent name>:v<version>:<run id>' (RunWorkflows.workflowId,
--     held equal by RunAdmissionsTest);
--   * the run row and its first event, run.queued at seq 1, are written together;
--   * an idempotency key answers the run it first created ('replayed'), or 'key_reused' when the
--     request differs (another request hash); a concurrent admission with the same key waits for
--     the first one's commit and then answers its run.
-- Outcomes: admitted, replayed, key_reused, not_found (no such agent or version in the tenant).
-- The run is new (a random id nobody has seen before the commit), so its first event is seq 1:
-- append_run_event's lock and max(seq) would find nothing to order against.
create function admit_run(p_tenant text, p_run uuid, p_agent_id uuid, p_agent_name text,
                          p_version int, p_input jsonb, p_idempotency_key text,
                          p_request_hash text, p_origin text, p_created_by text)
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
        v_workflow := p_tenant || ':' || v_agent_name || ':v' || v_version || ':' || p_run;
        v_created := date_trunc('microseconds', clock_timestamp());
        insert into run (id, tenant_id, agent_id, agent_version_id, workflow_id, status, input,
                         idempotency_key, request_hash, created_at, created_by, origin)
        values (p_run, p_tenant, v_agent_id, v_version_id, v_workflow, 'queued', p_input,
                p_idempotency_key, p_request_hash, v_created, p_created_by, p_origin)
        on conflict (tenant_id, idempotency_key) do nothing;
        if found then
            insert into run_event (tenant_id, run_id, seq, type, event_key, payload)
            values (p_tenant, p_run, 1, 'run.queued', 'run/queued',
                    jsonb_build_object('agentName', v_agent_name, 'agentVersion', v_version));
            return query select 'admitted', p_run, v_agent_id, v_agent_name, v_version_id,
                                v_version, v_workflow, v_created, false;
            return;
        end if;
    end loop;
    raise exception 'the idempotency key of run % was taken and then not found', p_run;
end
$$;
