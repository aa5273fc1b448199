-- Concurrency per tenant and per agent (docs/operations.md#tenant-policy): a root run takes a slot
-- before its first step, and one beyond the tenant's or its agent's cap stays 'queued' until a slot
-- frees, in the order runs were admitted. A run's children use its slot (a tree is one run to the
-- cap). The workflow claims with claim_run_slot before it begins, and a run that ends wakes the
-- runs that can take the slots it left (runs_to_wake); a woken run claims again, so a lost wake-up
-- costs time (the workflow polls), never a slot or an order.

create table tenant_policy (
    tenant_id                      text        primary key references tenant (id),
    max_concurrent_runs            int         not null check (max_concurrent_runs between 1 and 100000),
    -- null: no cap per agent beyond the tenant's.
    max_concurrent_runs_per_agent  int         check (max_concurrent_runs_per_agent between 1 and 100000),
    -- false: a run paused, or waiting for an approval, gives its slot back while it waits (and
    -- goes on when resumed even if the tenant is at its cap then: a run is never stopped mid-way).
    idle_runs_hold_slots           boolean     not null default true,
    updated_at                     timestamptz not null default now(),
    updated_by                     text        not null check (length(updated_by) between 1 and 255)
);

-- When the run took its slot; null while it waits (and for children, which use their root's).
alter table run add column slot_granted_at timestamptz;

-- Runs admitted before this migration and not ended hold the slot they already run in.
update run set slot_granted_at = coalesce(started_at, created_at)
 where parent_run_id is null
   and status not in ('succeeded', 'failed', 'cancelled', 'timed_out');

-- The two questions a claim asks, each answered from a small partial index: who holds a slot, and
-- who waits ahead.
create index run_slot_holders on run (tenant_id, agent_id)
    where parent_run_id is null and slot_granted_at is not null
      and status not in ('succeeded', 'failed', 'cancelled', 'timed_out');
create index run_slot_waiters on run (tenant_id, created_at, id)
    where parent_run_id is null and slot_granted_at is null and status = 'queued';

-- The tenant's caps: its policy, or the documented defaults (100 runs, no cap per agent).
create function tenant_run_caps(p_tenant text,
                                out max_runs int, out max_per_agent int, out idle_hold boolean)
language sql stable as $$
    select coalesce(p.max_concurrent_runs, 100), p.max_concurrent_runs_per_agent,
           coalesce(p.idle_runs_hold_slots, true)
      from (select 1) one
      left join tenant_policy p on p.tenant_id = p_tenant
$$;

-- Runs holding a slot, per agent of the tenant.
create function run_slot_holders(p_tenant text, p_idle_hold boolean)
returns table (agent_id uuid, holding bigint)
language sql stable as $$
    select r.agent_id, count(*)
      from run r
     where r.tenant_id = p_tenant and r.parent_run_id is null and r.slot_granted_at is not null
       and r.status not in ('succeeded', 'failed', 'cancelled', 'timed_out')
       and (p_idle_hold or r.status not in ('paused', 'waiting_for_approval'))
     group by r.agent_id
$$;

-- Gives the run its slot when one is free for it, and answers whether it holds one. A run holds
-- one already when it was given one, is a child (its root's slot), or is past 'queued' (it began
-- before slots existed, or ended: nothing to wait for). Otherwise it takes a slot only if the runs
-- admitted before it that still wait (and whose agent is under its own cap) leave one free, so
-- runs start in admission order. Claims of one tenant are serialized by a transaction lock.
create function claim_run_slot(p_tenant text, p_run uuid) returns boolean
language plpgsql as $$
declare
    v_run       run%rowtype;
    v_caps      record;
    v_total     bigint;
    v_agent     bigint;
    v_ahead     bigint;
begin
    select * into v_run from run where tenant_id = p_tenant and id = p_run;
    if not found then
        raise exception 'run % of tenant % does not exist', p_run, p_tenant
            using errcode = 'no_data_found';
    end if;
    if v_run.slot_granted_at is not null or v_run.parent_run_id is not null
       or v_run.status <> 'queued' then
        return true;
    end if;
    perform pg_advisory_xact_lock(hashtextextended('run slots ' || p_tenant, 0));
    -- Read again under the lock: a concurrent claim of the same run may have won.
    select slot_granted_at into v_run.slot_granted_at from run where id = p_run;
    if v_run.slot_granted_at is not null then
        return true;
    end if;
    select * into v_caps from tenant_run_caps(p_tenant);
    select coalesce(sum(h.holding), 0), coalesce(sum(h.holding) filter (where h.agent_id = v_run.agent_id), 0)
      into v_total, v_agent
      from run_slot_holders(p_tenant, v_caps.idle_hold) h;
    if v_caps.max_per_agent is not null and v_agent >= v_caps.max_per_agent then
        return false;
    end if;
    select count(*) into v_ahead
      from run w
      left join run_slot_holders(p_tenant, v_caps.idle_hold) h on h.agent_id = w.agent_id
     where w.tenant_id = p_tenant and w.parent_run_id is null and w.slot_granted_at is null
       and w.status = 'queued' and (w.created_at, w.id) < (v_run.created_at, v_run.id)
       and (v_caps.max_per_agent is null or coalesce(h.holding, 0) < v_caps.max_per_agent);
    if v_total + v_ahead >= v_caps.max_runs then
        return false;
    end if;
    update run set slot_granted_at = now() where id = p_run;
    return true;
end
$$;

-- The workflow ids of the waiting runs that may now take a slot: the oldest whose agent is under
-- its cap, as many as slots are free (at most p_limit). Whom to signal when a run ends; each claims
-- for itself, so a run woken in vain only waits again.
create function runs_to_wake(p_tenant text, p_limit int) returns setof text
language sql stable as $$
    with caps as (select * from tenant_run_caps(p_tenant)),
         holders as (select h.* from caps, run_slot_holders(p_tenant, caps.idle_hold) h),
         free as (select greatest(0, caps.max_runs - coalesce((select sum(holding) from holders), 0)) as n
                    from caps)
    select w.workflow_id
      from run w
      left join holders h on h.agent_id = w.agent_id
     where w.tenant_id = p_tenant and w.parent_run_id is null and w.slot_granted_at is null
       and w.status = 'queued'
       and ((select max_per_agent from caps) is null
            or coalesce(h.holding, 0) < (select max_per_agent from caps))
     order by w.created_at, w.id
     limit least(p_limit, (select n from free))
$$;
