-- Usage of models, one row per accepted model call: what GET /v1/usage sums and prices.
--
-- A row is derived from the step's model.call.completed event by a trigger on run_event, so it is
-- written in the very transaction that records the event (and the run's step count): there is no
-- commit in which one exists without the other. append_run_event inserts an event once per key,
-- so a retried or re-recorded step (same key) inserts nothing and fires nothing; the primary key
-- on (tenant, run, step) holds the same rule in the table itself.
--
-- Events recorded before this migration have no row (they carry no input/output split): usage
-- counts from here on.

create table model_usage (
    tenant_id        text        not null,
    run_id           uuid        not null,
    -- the tree's root (the run itself for a root run), so a tree's usage is one index range
    root_run_id      uuid        not null,
    agent_id         uuid        not null,
    agent_version_id uuid        not null,
    step             int         not null check (step > 0),
    provider         text        not null check (length(provider) between 1 and 40),
    -- null when the spec leaves the model to the provider (the demo model has no name)
    model            text check (length(model) between 1 and 200),
    input_tokens     bigint      not null check (input_tokens >= 0),
    output_tokens    bigint      not null check (output_tokens >= 0),
    recorded_at      timestamptz not null default now(),
    primary key (tenant_id, run_id, step),
    foreign key (tenant_id, run_id) references run (tenant_id, id),
    foreign key (tenant_id, root_run_id) references run (tenant_id, id),
    foreign key (tenant_id, agent_id) references agent (tenant_id, id),
    foreign key (tenant_id, agent_version_id) references agent_version (tenant_id, id)
);

-- GET /v1/usage reads one tenant's rows in a time range.
create index model_usage_tenant_recorded on model_usage (tenant_id, recorded_at);

-- A count in an event's payload, or null when it is absent or not a non-negative number.
create function usage_count(v jsonb) returns bigint
    language sql immutable as
$$
select case
           when jsonb_typeof(v) = 'number' and v::text::numeric between 0 and 9223372036854775807
               then trunc(v::text::numeric)::bigint
           end
$$;

-- The event names its provider and model (since V16); an event written by an older worker does
-- not, and then the run's pinned spec says which model it asked. An older event has only its
-- total: it counts as input, so the sum of input and output is always the event's tokens.
-- A payload the worker never writes (no numeric step) records no usage rather than refusing the
-- event: usage must never be the reason a step cannot be recorded.
create function record_model_usage() returns trigger
    language plpgsql as
$$
begin
    if jsonb_typeof(new.payload -> 'step') is distinct from 'number' then
        return null;
    end if;
    if (new.payload ->> 'step')::numeric not between 1 and 2147483647 then
        return null;
    end if;
    insert into model_usage (tenant_id, run_id, root_run_id, agent_id, agent_version_id, step,
                             provider, model, input_tokens, output_tokens, recorded_at)
    select new.tenant_id, new.run_id, coalesce(r.root_run_id, r.id), r.agent_id,
           r.agent_version_id, trunc((new.payload ->> 'step')::numeric)::int,
           -- cut, never refused: a step must not fail for the length of its spec's model name
           left(coalesce(nullif(new.payload ->> 'provider', ''),
                         nullif(v.spec -> 'model' ->> 'provider', ''), 'none'), 40),
           left(coalesce(nullif(new.payload ->> 'model', ''),
                         nullif(v.spec -> 'model' ->> 'name', '')), 200),
           coalesce(usage_count(new.payload -> 'inputTokens'), usage_count(new.payload -> 'tokens'), 0),
           coalesce(usage_count(new.payload -> 'outputTokens'), 0),
           new.created_at
    from run r
             join agent_version v on v.tenant_id = r.tenant_id and v.id = r.agent_version_id
    where r.tenant_id = new.tenant_id and r.id = new.run_id
    on conflict (tenant_id, run_id, step) do nothing;
    return null;
end
$$;

create trigger run_event_model_usage
    after insert on run_event
    for each row
    when (new.type = 'model.call.completed')
execute function record_model_usage();
