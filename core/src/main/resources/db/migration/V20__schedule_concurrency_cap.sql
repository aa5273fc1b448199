-- A schedule's overlap policy "allow up to N at once" (docs/architecture.md#schedules). Temporal
-- starts every fire (its ALLOW_ALL); the cap is a concurrency slot rule beside the tenant's and
-- the agent's (V17): a run of a capped schedule takes a slot only while fewer than N runs of its
-- schedule hold one, and only after the runs of its schedule admitted before it. The claim is
-- serialized per tenant like every claim, so two fires admitted at once cannot both count the
-- other as absent (the race a count at admission would have). The cap is read at each claim, so a
-- changed one applies at the next claim (a waiting run claims at least every 30 s), and a schedule
-- marked deleted caps nothing any more: its row is about to go.
alter table schedule
    drop constraint schedule_overlap_check,
    add constraint schedule_overlap_check
        check (overlap in ('skip', 'buffer-one', 'allow-all', 'allow-up-to')),
    -- null unless the overlap is allow-up-to, and then required.
    add column max_concurrent_runs int check (max_concurrent_runs between 1 and 1000),
    add constraint schedule_max_concurrent_runs_shape
        check ((overlap = 'allow-up-to') = (max_concurrent_runs is not null));

-- Each capped, live schedule of the tenant: its cap and its runs holding a slot (counted over the
-- tenant's holders, index run_slot_holders, never over a schedule's whole history).
create function schedule_slot_holders(p_tenant text, p_idle_hold boolean)
returns table (schedule_id uuid, max_runs int, holding bigint)
language sql stable as $$
    select s.id, s.max_concurrent_runs, coalesce(h.holding, 0)
      from schedule s
      left join (select r.schedule_id, count(*) as holding
                   from run r
                  where r.tenant_id = p_tenant and r.parent_run_id is null
                    and r.slot_granted_at is not null and r.schedule_id is not null
                    and r.status not in ('succeeded', 'failed', 'cancelled', 'timed_out')
                    and (p_idle_hold or r.status not in ('paused', 'waiting_for_approval'))
                  group by r.schedule_id) h on h.schedule_id = s.id
     where s.tenant_id = p_tenant and s.max_concurrent_runs is not null and s.deleted_at is null
$$;

-- The tenant's runs waiting for a slot that no schedule's cap holds back: a run of a capped
-- schedule is one of them only while its schedule's holders plus the schedule's runs waiting
-- ahead of it leave it room. So a schedule at its cap stands in no other run's way, and its own
-- runs go in admission order.
create function run_slot_candidates(p_tenant text, p_idle_hold boolean)
returns table (id uuid, workflow_id text, agent_id uuid, created_at timestamptz)
language sql stable as $$
    select w.id, w.workflow_id, w.agent_id, w.created_at
      from (select r.id, r.workflow_id, r.agent_id, r.created_at, r.schedule_id,
                   row_number() over (partition by r.schedule_id order by r.created_at, r.id) as place
              from run r
             where r.tenant_id = p_tenant and r.parent_run_id is null
               and r.slot_granted_at is null and r.status = 'queued') w
      left join schedule_slot_holders(p_tenant, p_idle_hold) s on s.schedule_id = w.schedule_id
     where s.schedule_id is null or s.holding + w.place <= s.max_runs
$$;

-- As V17, with the schedule's cap: a run of a capped schedule waits while its schedule's holders
-- and the schedule's runs admitted before it fill the cap; and runs waiting ahead count against
-- the tenant's cap only when no schedule's cap holds them back.
create or replace function claim_run_slot(p_tenant text, p_run uuid) returns boolean
language plpgsql as $$
declare
    v_run       run%rowtype;
    v_caps      record;
    v_total     bigint;
    v_agent     bigint;
    v_ahead     bigint;
    v_schedule  record;
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
    if v_run.schedule_id is not null then
        select s.max_runs, s.holding into v_schedule
          from schedule_slot_holders(p_tenant, v_caps.idle_hold) s
         where s.schedule_id = v_run.schedule_id;
        if found and v_schedule.holding
                     + (select count(*) from run w
                         where w.tenant_id = p_tenant and w.schedule_id = v_run.schedule_id
                           and w.parent_run_id is null and w.slot_granted_at is null
                           and w.status = 'queued'
                           and (w.created_at, w.id) < (v_run.created_at, v_run.id))
                     >= v_schedule.max_runs then
            return false;
        end if;
    end if;
    select count(*) into v_ahead
      from run_slot_candidates(p_tenant, v_caps.idle_hold) w
      left join run_slot_holders(p_tenant, v_caps.idle_hold) h on h.agent_id = w.agent_id
     where (w.created_at, w.id) < (v_run.created_at, v_run.id)
       and (v_caps.max_per_agent is null or coalesce(h.holding, 0) < v_caps.max_per_agent);
    if v_total + v_ahead >= v_caps.max_runs then
        return false;
    end if;
    update run set slot_granted_at = now() where id = p_run;
    return true;
end
$$;

-- As V17, among the candidates: the oldest waiting runs whose agent is under its cap and whose
-- schedule (if capped) has room for them, as many as slots are free (at most p_limit).
create or replace function runs_to_wake(p_tenant text, p_limit int) returns setof text
language sql stable as $$
    with caps as (select * from tenant_run_caps(p_tenant)),
         holders as (select h.* from caps, run_slot_holders(p_tenant, caps.idle_hold) h),
         free as (select greatest(0, caps.max_runs - coalesce((select sum(holding) from holders), 0)) as n
                    from caps)
    select w.workflow_id
      from run_slot_candidates(p_tenant, (select idle_hold from caps)) w
      left join holders h on h.agent_id = w.agent_id
     where ((select max_per_agent from caps) is null
            or coalesce(h.holding, 0) < (select max_per_agent from caps))
     order by w.created_at, w.id
     limit least(p_limit, (select n from free))
$$;
