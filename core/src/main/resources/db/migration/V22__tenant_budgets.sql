-- Token and cost budgets of a tenant per period (docs/operations.md#tenant-budgets).
--
-- Each budget has a period (a UTC day or a UTC month), a hard limit (null: unlimited) and a soft
-- threshold, a percentage of the limit. What a tenant spent in a period is one row of tenant_spend,
-- counted by a trigger on model_usage: the same transaction that records the step's
-- model.call.completed event, so a step is counted exactly once (a retried step inserts no usage
-- and so counts nothing) and checking a budget is one read by primary key, never a scan of usage.
--
-- Soft: the step whose spend reaches the threshold records one tenant.budget.soft_exceeded event
-- in its run's timeline, once per budget and period; the counter row's lock serializes concurrent
-- steps, so exactly one of them sees the threshold crossed and not yet noticed. Webhooks may ask
-- for it like a run event (the outbox fill below).
-- Hard: a tenant whose spend reached a limit admits no run (the insert of a run raises AR002, so no
-- origin can miss it), and a running run stops before its next model call (the workflow asks
-- tenant_budget_exceeded through an activity).

alter table tenant_policy
    add column token_budget_period       text    not null default 'month'
                                                 check (token_budget_period in ('day', 'month')),
    add column token_budget_limit        bigint  check (token_budget_limit between 1 and 1000000000000000),
    add column token_budget_soft_percent int     not null default 80
                                                 check (token_budget_soft_percent between 1 and 100),
    add column cost_budget_period        text    not null default 'month'
                                                 check (cost_budget_period in ('day', 'month')),
    -- in the price table's currency (agent-runtime.usage.currency)
    add column cost_budget_limit         numeric(20, 6) check (cost_budget_limit > 0),
    add column cost_budget_soft_percent  int     not null default 80
                                                 check (cost_budget_soft_percent between 1 and 100);

-- The operator's price table (agent-runtime.usage.prices), written by the API when it starts, so
-- that cost is computed here, in the step's own transaction, with the figures GET /v1/usage uses.
-- Platform data: no tenant writes it.
create table model_price (
    provider           text    not null check (length(provider) between 1 and 40),
    model              text    not null check (length(model) between 1 and 200),
    input_per_million  numeric not null check (input_per_million >= 0),
    output_per_million numeric not null check (output_per_million >= 0),
    primary key (provider, model)
);

-- Spend of a tenant in one period. Both periods are counted always, so a policy that switches a
-- budget from month to day (or sets one mid-period) sees what was already spent.
create table tenant_spend (
    tenant_id          text    not null references tenant (id),
    period             text    not null check (period in ('day', 'month')),
    -- the period's first UTC day
    period_start       date    not null,
    tokens             bigint  not null default 0 check (tokens >= 0),
    -- priced calls only: a call of a model the price table does not name counts no cost
    cost               numeric not null default 0 check (cost >= 0),
    unpriced_calls     bigint  not null default 0 check (unpriced_calls >= 0),
    token_soft_noticed boolean not null default false,
    cost_soft_noticed  boolean not null default false,
    primary key (tenant_id, period, period_start)
);

-- The first UTC day of the period holding p_at.
create function budget_period_start(p_period text, p_at timestamptz) returns date
    language sql immutable as
$$
select date_trunc(case p_period when 'day' then 'day' else 'month' end, p_at at time zone 'UTC')::date
$$;

-- When the period that starts on p_start ends (and its budgets reset).
create function budget_period_end(p_period text, p_start date) returns timestamptz
    language sql immutable as
$$
select (p_start + case p_period when 'day' then interval '1 day' else interval '1 month' end)::timestamp
           at time zone 'UTC'
$$;

-- The tenant's first budget (tokens before cost) whose hard limit its spend in the current period
-- has reached, or no row. Two reads by key: the policy and the period's counter.
create function tenant_budget_exceeded(p_tenant text)
    returns table (budget text, period text, period_start date, spent numeric, budget_limit numeric,
                   resets_at timestamptz)
    language sql stable as
$$
select b.budget, b.period, s.period_start, x.spent, b.budget_limit,
       budget_period_end(b.period, s.period_start)
from tenant_policy p
         cross join lateral (values ('tokens', p.token_budget_period, p.token_budget_limit::numeric, 1),
                                    ('cost', p.cost_budget_period, p.cost_budget_limit, 2))
    b(budget, period, budget_limit, rank)
         join tenant_spend s on s.tenant_id = p.tenant_id and s.period = b.period
    and s.period_start = budget_period_start(b.period, now())
         cross join lateral (select case b.budget when 'tokens' then s.tokens::numeric else s.cost end) x(spent)
where p.tenant_id = p_tenant
  and b.budget_limit is not null
  and x.spent >= b.budget_limit
order by b.rank
limit 1
$$;

-- Records the soft event of one budget when this step's spend reached its threshold first in the
-- period. Called with the counter row locked by the step's own update.
create function notice_soft_budget(p_usage model_usage, p_spend tenant_spend, p_budget text,
                                   p_spent numeric, p_limit numeric, p_percent int) returns void
    language plpgsql as
$$
declare
    v_key  text := 'tenant-budget-soft:' || p_budget || ':' || p_spend.period || ':' || p_spend.period_start;
    v_seq  int;
    v_noticed boolean;
begin
    if p_limit is null or p_spent * 100 < p_limit * p_percent then
        return;
    end if;
    update tenant_spend
       set token_soft_noticed = token_soft_noticed or p_budget = 'tokens',
           cost_soft_noticed  = cost_soft_noticed or p_budget = 'cost'
     where tenant_id = p_spend.tenant_id and period = p_spend.period
       and period_start = p_spend.period_start
       and not (case p_budget when 'tokens' then token_soft_noticed else cost_soft_noticed end)
    returning true into v_noticed;
    if v_noticed is null then
        return;
    end if;
    -- The run row is locked by append_run_event, whose insert fired this: the next seq is ours.
    select coalesce(max(seq), 0) + 1 into v_seq from run_event where run_id = p_usage.run_id;
    insert into run_event (tenant_id, run_id, seq, type, event_key, payload)
    values (p_usage.tenant_id, p_usage.run_id, v_seq, 'tenant.budget.soft_exceeded', v_key,
            jsonb_build_object('budget', p_budget, 'period', p_spend.period,
                               'periodStart', p_spend.period_start::text,
                               -- trim_scale: the payload's numbers as their record writes them
                               'spent', trim_scale(p_spent),
                               'threshold', trim_scale(p_limit * p_percent / 100),
                               'limit', trim_scale(p_limit), 'step', p_usage.step,
                               'resetsAt', to_char(budget_period_end(p_spend.period, p_spend.period_start)
                                                       at time zone 'UTC',
                                                   'YYYY-MM-DD"T"HH24:MI:SS"Z"')))
    on conflict (run_id, event_key) do nothing;
end
$$;

-- Counts one model call into the tenant's day and month, then notices soft thresholds.
create function count_tenant_spend() returns trigger
    language plpgsql as
$$
declare
    v_cost   numeric;
    v_period text;
    v_spend  tenant_spend;
    v_policy tenant_policy;
begin
    select (new.input_tokens * p.input_per_million + new.output_tokens * p.output_per_million)
               / 1000000
      into v_cost
      from model_price p
     where p.provider = new.provider and p.model = new.model;
    select * into v_policy from tenant_policy where tenant_id = new.tenant_id;
    foreach v_period in array array ['day', 'month'] loop
        insert into tenant_spend as t (tenant_id, period, period_start, tokens, cost, unpriced_calls)
        values (new.tenant_id, v_period, budget_period_start(v_period, new.recorded_at),
                new.input_tokens + new.output_tokens, coalesce(v_cost, 0),
                case when v_cost is null then 1 else 0 end)
        on conflict (tenant_id, period, period_start) do update
            set tokens         = t.tokens + excluded.tokens,
                cost           = t.cost + excluded.cost,
                unpriced_calls = t.unpriced_calls + excluded.unpriced_calls
        returning * into v_spend;
        if v_policy.tenant_id is null then
            continue;
        end if;
        if v_policy.token_budget_period = v_period and not v_spend.token_soft_noticed then
            perform notice_soft_budget(new, v_spend, 'tokens', v_spend.tokens,
                                       v_policy.token_budget_limit, v_policy.token_budget_soft_percent);
        end if;
        if v_policy.cost_budget_period = v_period and not v_spend.cost_soft_noticed then
            perform notice_soft_budget(new, v_spend, 'cost', v_spend.cost,
                                       v_policy.cost_budget_limit, v_policy.cost_budget_soft_percent);
        end if;
    end loop;
    return null;
end
$$;

create trigger model_usage_tenant_spend
    after insert on model_usage
    for each row execute function count_tenant_spend();

-- Hard limits at admission, on the insert of a run like a suspension (V18): every origin passes
-- here. A repeated request with an idempotency key still answers the run admitted before (that
-- path inserts nothing).
create function refuse_runs_over_budget() returns trigger
    language plpgsql as
$$
begin
    if exists (select 1 from tenant_budget_exceeded(new.tenant_id)) then
        -- AR002: the admission path reads tenant_budget_exceeded for its answer.
        raise exception 'tenant % is over a budget', new.tenant_id using errcode = 'AR002';
    end if;
    return new;
end
$$;

create trigger run_tenant_within_budget before insert on run
    for each row execute function refuse_runs_over_budget();

-- Webhooks may ask for the soft event: the same outbox fill as run events (V14). A domain used by
-- an array column cannot change its check, so both columns step through text while it is replaced.
alter table webhook alter column event_types type text[];
alter table webhook_delivery alter column type type text;
drop domain webhook_event_type;
create domain webhook_event_type as text
    check (value in ('run.succeeded', 'run.failed', 'run.timed_out', 'run.cancelled',
                     'run.paused', 'run.waiting_for_approval', 'tenant.budget.soft_exceeded'));
alter table webhook alter column event_types type webhook_event_type[]
    using event_types::webhook_event_type[];
alter table webhook_delivery alter column type type webhook_event_type
    using type::webhook_event_type;
alter table webhook drop constraint webhook_event_types_check;
alter table webhook add constraint webhook_event_types_check
    check (cardinality(event_types) between 1 and 7);

create or replace function webhook_event_type_of(p_type text) returns text
    language sql immutable as
$$
select case p_type
           when 'run.succeeded' then 'run.succeeded'
           when 'run.failed' then 'run.failed'
           when 'run.timed_out' then 'run.timed_out'
           when 'run.cancelled' then 'run.cancelled'
           when 'run.paused' then 'run.paused'
           when 'approval.requested' then 'run.waiting_for_approval'
           when 'tenant.budget.soft_exceeded' then 'tenant.budget.soft_exceeded'
           end
$$;
