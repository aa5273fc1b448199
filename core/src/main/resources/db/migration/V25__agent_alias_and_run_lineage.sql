-- Versions as code (docs/api.md#aliases, #forking-a-run): aliases that point at a version or split
-- between two by weight, and the lineage of a run forked or replayed from another.

-- An alias of an agent: "prod" is version 7, or 7 for 95 % and 8 for 5 % of runs (the canary).
-- Moving it is one update of this row; runs already admitted keep the version they resolved to.
create table agent_alias (
    tenant_id      text        not null,
    agent_id       uuid        not null,
    name           text        not null check (name ~ '^[a-z][a-z0-9-]{0,62}$' and name <> 'latest'),
    version        int         not null,
    canary_version int,
    -- The percentage of runs (1 to 99) that take the canary version.
    canary_weight  int check (canary_weight between 1 and 99),
    -- Counts the moves, starting at 1: a caller may make a move conditional on it (If-Match).
    revision       int         not null default 1 check (revision > 0),
    updated_at     timestamptz not null default now(),
    updated_by     text        not null check (length(updated_by) between 1 and 255),
    primary key (tenant_id, agent_id, name),
    foreign key (tenant_id, agent_id) references agent (tenant_id, id),
    foreign key (agent_id, version) references agent_version (agent_id, version),
    foreign key (agent_id, canary_version) references agent_version (agent_id, version),
    constraint agent_alias_canary_shape
        check ((canary_version is null) = (canary_weight is null)
               and (canary_version is null or canary_version <> version))
);

-- Every move of an alias, with its actor: the alias's history. Append-only (erased only with its
-- tenant); "deleted" is the removal of the alias.
create table agent_alias_change (
    id             bigserial   primary key,
    tenant_id      text        not null,
    agent_id       uuid        not null,
    name           text        not null,
    revision       int         not null check (revision > 0),
    action         text        not null check (action in ('created', 'moved', 'deleted')),
    version        int,
    canary_version int,
    canary_weight  int,
    changed_at     timestamptz not null default now(),
    changed_by     text        not null check (length(changed_by) between 1 and 255),
    foreign key (tenant_id, agent_id) references agent (tenant_id, id),
    constraint agent_alias_change_shape
        check ((action = 'deleted') = (version is null)
               and (canary_version is null) = (canary_weight is null))
);

create index agent_alias_change_alias on agent_alias_change (tenant_id, agent_id, name, id);

create trigger agent_alias_change_append_only
    before update or delete on agent_alias_change
    for each row execute function refuse_change_unless_erased();

-- What a run was asked for when it named an alias, and where it came from when it is a fork or a
-- replay of another run of its tenant. The source is not a foreign key: a run outlives the purge
-- of the run it was forked from, and its lineage still names it.
alter table run
    add column alias_name    text check (alias_name ~ '^[a-z][a-z0-9-]{0,62}$'),
    add column routing_key   text check (length(routing_key) between 1 and 200),
    add column source_run_id uuid,
    add column source_kind   text check (source_kind in ('fork', 'replay')),
    -- For a fork, the first step that runs live: steps before it are taken from the source run.
    add column fork_step     int check (fork_step > 0),
    add constraint run_routing_needs_alias check (routing_key is null or alias_name is not null),
    add constraint run_source_shape
        check ((source_run_id is null) = (source_kind is null)
               and (fork_step is not null) = (source_kind is not distinct from 'fork'));

create index run_source on run (tenant_id, source_run_id) where source_run_id is not null;

-- admit_run (V13) learns aliases and lineage:
--   * p_alias names an alias of the agent instead of a version: the alias's version, or within a
--     split the canary for the share of runs its weight gives. With a routing key the choice is
--     sticky: bucket = first four bytes of sha256(agent id || '/' || alias || '/' || key), as an
--     unsigned number, modulo 100; the canary when bucket < weight. Without one it is random.
--     The alias is read in the same statement that writes the run, so a move is either before or
--     after an admission, never half of it.
--   * p_source_run / p_source_kind / p_fork_step record a fork or a replay; the source must be a
--     run of the same tenant and agent.
drop function admit_run(text, uuid, uuid, text, int, jsonb, text, text, text, text, uuid, int, int,
                        int, uuid, timestamptz);

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
    v_alias      agent_alias%rowtype;
    v_hash       bytea;
    v_bucket     bigint;
begin
    if (p_agent_id is null) = (p_agent_name is null) then
        raise exception 'exactly one of an agent id and an agent name names the agent'
            using errcode = 'invalid_parameter_value';
    end if;
    if p_alias is not null and p_version is not null then
        raise exception 'a run names a version or an alias, not both'
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
        if p_alias is not null then
            select * into v_alias from agent_alias al
            where al.tenant_id = p_tenant and al.agent_id = v_agent_id and al.name = p_alias;
            if not found then
                return query select 'not_found', null::uuid, null::uuid, null::text, null::uuid,
                                    null::int, null::text, null::timestamptz, false;
                return;
            end if;
            v_version := v_alias.version;
            if v_alias.canary_version is not null then
                if p_routing_key is null then
                    v_bucket := floor(random() * 100);
                else
                    v_hash := sha256(convert_to(v_agent_id::text || '/' || p_alias || '/'
                                                || p_routing_key, 'UTF8'));
                    v_bucket := ((get_byte(v_hash, 0)::bigint << 24) | (get_byte(v_hash, 1) << 16)
                                 | (get_byte(v_hash, 2) << 8) | get_byte(v_hash, 3)) % 100;
                end if;
                if v_bucket < v_alias.canary_weight then
                    v_version := v_alias.canary_version;
                end if;
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
