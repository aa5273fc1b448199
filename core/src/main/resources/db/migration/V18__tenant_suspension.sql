-- A suspended tenant (docs/api.md#suspending-a-tenant) admits no run, whatever its origin: the API,
-- a trigger, a schedule's fire, a parent run's sub-agent call. The rule is here, on the insert of a
-- run, so no origin can miss it; a repeated request with an idempotency key still answers the run
-- it admitted before (that path inserts nothing). The tenant row is read FOR SHARE, so a suspension
-- (an UPDATE of the row) waits for the admissions in flight and then sees their runs: the runs it
-- pauses or cancels are all the runs there will be.
alter table tenant
    add column suspended_at      timestamptz,
    add column suspended_by      text check (length(suspended_by) between 1 and 255),
    add column suspension_reason text check (length(suspension_reason) <= 500),
    add constraint tenant_suspension_shape
        check ((suspended_at is null) = (suspended_by is null)
               and (suspended_at is not null or suspension_reason is null));

create function refuse_runs_of_suspended_tenants() returns trigger
language plpgsql as $$
declare
    v_suspended timestamptz;
begin
    select suspended_at into v_suspended from tenant where id = new.tenant_id for share;
    if v_suspended is not null then
        -- AR001: the admission path answers it as its own outcome, not as a failure.
        raise exception 'tenant % is suspended', new.tenant_id using errcode = 'AR001';
    end if;
    return new;
end
$$;

create trigger run_tenant_not_suspended before insert on run
    for each row execute function refuse_runs_of_suspended_tenants();
