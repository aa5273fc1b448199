-- Aliases in sub-agent tools and pipeline steps (docs/agent-spec.md#sub-agents-by-alias): a
-- worker resolves a step's alias BEFORE it admits the child, because it must read the resolved
-- version's limits to check and reserve them first. So the rule that picks a version within an
-- alias moves out of admit_run into resolve_alias, which both call (one definition of the rule),
-- and admit_run takes a version and an alias together as "resolved by the caller: record it".

-- The version the tenant's agent's alias names for this admission, or null when the tenant has no
-- agent of that name or the agent no such alias (another tenant's of the same names never count).
-- Within a split, the canary for the share of admissions its weight gives: with a routing key,
-- sticky: bucket = first four bytes of sha256(agent id || '/' || alias || '/' || key), as an
-- unsigned number, modulo 100; the canary when bucket < weight. Without a key, random (so the
-- function is volatile).
create function resolve_alias(p_tenant text, p_agent_name text, p_alias text, p_routing_key text)
    returns int
    language plpgsql as
$$
declare
    v_alias  agent_alias%rowtype;
    v_hash   bytea;
    v_bucket bigint;
begin
    select al.* into v_alias
    from agent a
    join agent_alias al on al.tenant_id = a.tenant_id and al.agent_id = a.id
    where a.tenant_id = p_tenant and a.name = p_agent_name and al.name = p_alias;
    if not found then
        return null;
    end if;
    if v_alias.canary_version is null then
        return v_alias.version;
    end if;
    if p_routing_key is null then
        v_bucket := floor(random() * 100);
    else
        v_hash := sha256(convert_to(v_alias.agent_id::text || '/' || p_alias || '/'
                                    || p_routing_key, 'UTF8'));
        v_bucket := ((get_byte(v_hash, 0)::bigint << 24) | (get_byte(v_hash, 1) << 16)
                     | (get_byte(v_hash, 2) << 8) | get_byte(v_hash, 3)) % 100;
    end if;
    return case when v_bucket < v_alias.canary_weight then v_alias.canary_version
                else v_alias.version end;
end
$$;

-- admit_run (V25), the same but for aliases:
--   * p_alias without p_version: resolve_alias picks the version, in the statement that writes
--     the run, so a move is either before or after the admission, never half of it.
--   * p_alias with p_version: the caller resolved the alias to that version (a child run, whose
--     limits the worker read first); the run takes the version and records the alias and key. A
--     move between the worker's resolution and this admission leaves the child on the version it
--     resolved to, as a move leaves every admitted run. The API refuses both from clients.
drop function admit_run(text, uuid, uuid, text, int, jsonb, text, text, text, text, uuid, int, int,
                        int, uuid, timestamptz, text, text, uuid, text, int);

create function admit_run(p_tenant text, p_run uuid, p_agent_id uuid, p_agent_name text,
                          p_version int, p_input jsonb, p_idempotency_key text,
                          p_request_hash text, p_origin text, p_created_by text,
                          p_parent uuid default null, p_max_steps int default null,
                          p_max_tokens int default null, p_max_depth int default null,
                          p_schedule uuid default null, p_scheduled_at timestamptz default null,
                          p_alias text default null, p_routing_key text default null,
                          p_source_run uuid default null, p_source_kind text default null,
                          p_fork_step int default null)
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
        if p_source_run is not null and not exists (
                select 1 from run r
                where r.tenant_id = p_tenant and r.id = p_source_run
                  and r.agent_id = v_agent_id) then
            return query select 'not_found', null::uuid, null::uuid, null::text, null::uuid,
                                null::int, null::text, null::timestamptz, false;
            return;
        end if;
        v_version := p_version;
        -- With a version as well, the caller resolved the alias already: only recorded below.
        if p_alias is not null and p_version is null then
            v_version := resolve_alias(
                p_tenant,
                coalesce(p_agent_name, (select a.name from agent a
                                        where a.tenant_id = p_tenant and a.id = v_agent_id)),
                p_alias, p_routing_key);
            if v_version is null then
                return query select 'not_found', null::uuid, null::uuid, null::text, null::uuid,
                                    null::int, null::text, null::timestamptz, false;
                return;
            end if;
        end if;
        select a.id, a.name, v.id, v.version
        into v_agent_id, v_agent_name, v_version_id, v_version
        from agent a
        join agent_version v on v.tenant_id = a.tenant_id and v.agent_id = a.id
        where a.tenant_id = p_tenant and a.id = v_agent_id
          and (v_version is null or v.version = v_version)
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
                         schedule_id, scheduled_at, dispatched_at, alias_name, routing_key,
                         source_run_id, source_kind, fork_step)
        values (p_run, p_tenant, v_agent_id, v_version_id, v_workflow, 'queued', p_input,
                p_idempotency_key, p_request_hash, v_created, p_created_by, p_origin,
                p_parent, v_root, v_depth, p_max_steps, p_max_tokens, p_max_depth,
                p_schedule, p_scheduled_at,
                case when p_parent is null and p_schedule is null then null else v_created end,
                p_alias, p_routing_key, p_source_run, p_source_kind, p_fork_step)
        on conflict (tenant_id, idempotency_key) do nothing;
        if found then
            insert into run_event (tenant_id, run_id, seq, type, event_key, payload)
            values (p_tenant, p_run, 1, 'run.queued', 'run/queued',
                    jsonb_strip_nulls(jsonb_build_object(
                        'agentName', v_agent_name, 'agentVersion', v_version,
                        'alias', p_alias, 'sourceRunId', p_source_run,
                        'sourceKind', p_source_kind, 'forkStep', p_fork_step)));
            return query select 'admitted', p_run, v_agent_id, v_agent_name, v_version_id,
                                v_version, v_workflow, v_created,
                                p_parent is not null or p_schedule is not null;
            return;
        end if;
    end loop;
    raise exception 'the idempotency key of run % was taken and then not found', p_run;
end
$$;
