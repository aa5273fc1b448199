-- Agents that call agents: a run started by a parent run's sub-agent tool is a child in a tree.
--   parent_run_id  the run whose tool call started it (same tenant: the foreign key says so)
--   root_run_id    the tree's root, so a whole tree is one index range
--   depth          0 for a root, the parent's depth + 1 for a child
--   max_steps, max_tokens, max_depth
--                  what the parent reserved for this child out of its own budget (the child's
--                  limits, never more than its spec's); null for a root, whose spec rules alone
-- The rules are enforced here, not only in the worker: a child has all of parent, root and a
-- depth above 0, and origin 'parent'; a root has none of them.
alter table run
    add column parent_run_id uuid,
    add column root_run_id   uuid,
    add column depth         int not null default 0 check (depth between 0 and 5),
    add column max_steps     int check (max_steps > 0),
    add column max_tokens    int check (max_tokens > 0),
    add column max_depth     int check (max_depth between 0 and 5),
    add constraint run_parent_fk foreign key (tenant_id, parent_run_id) references run (tenant_id, id),
    add constraint run_root_fk foreign key (tenant_id, root_run_id) references run (tenant_id, id),
    add constraint run_tree_shape check (
        (origin = 'parent') = (parent_run_id is not null)
        and (parent_run_id is null) = (root_run_id is null)
        and (parent_run_id is null) = (depth = 0)
        and (parent_run_id is null) = (max_steps is null)
        and (parent_run_id is null) = (max_tokens is null)
        and (parent_run_id is null) = (max_depth is null));

-- GET /v1/runs/{id}/tree and the root's view of its descendants' approvals.
create index run_tenant_root_created on run (tenant_id, root_run_id, created_at)
    where root_run_id is not null;
create index run_tenant_parent_created on run (tenant_id, parent_run_id, created_at)
    where parent_run_id is not null;

-- admit_run (V10) learns about parents. For a child (p_parent set):
--   * the parent is a run of the same tenant; its root and depth give the child's;
--   * the workflow id reads as the parent's followed by the child's own part,
--     '<parent workflow id>/<agent name>:v<version>:<run id>', so Temporal lists a tree together;
--   * the run is dispatched at once: the parent's workflow starts it as a child workflow from its
--     durable history, and the API's reconciler must never start it as a workflow of its own;
--   * the reservation (p_max_steps, p_max_tokens, p_max_depth) is recorded on the row.
-- Outcome 'not_found' also answers a parent that is not a run of the tenant.
drop function admit_run(text, uuid, uuid, text, int, jsonb, text, text, text, text);

create function admit_run(p_tenant text, p_run uuid, p_agent_id uuid, p_agent_name text,
                          p_version int, p_input jsonb, p_idempotency_key text,
                          p_request_hash text, p_origin text, p_created_by text,
                          p_parent uuid default null, p_max_steps int default null,
                          p_max_tokens int default null, p_max_depth int default null)
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
                         dispatched_at)
        values (p_run, p_tenant, v_agent_id, v_version_id, v_workflow, 'queued', p_input,
                p_idempotency_key, p_request_hash, v_created, p_created_by, p_origin,
                p_parent, v_root, v_depth, p_max_steps, p_max_tokens, p_max_depth,
                case when p_parent is null then null else v_created end)
        on conflict (tenant_id, idempotency_key) do nothing;
        if found then
            insert into run_event (tenant_id, run_id, seq, type, event_key, payload)
            values (p_tenant, p_run, 1, 'run.queued', 'run/queued',
                    jsonb_build_object('agentName', v_agent_name, 'agentVersion', v_version));
            return query select 'admitted', p_run, v_agent_id, v_agent_name, v_version_id,
                                v_version, v_workflow, v_created, p_parent is not null;
            return;
        end if;
    end loop;
    raise exception 'the idempotency key of run % was taken and then not found', p_run;
end
$$;
