-- Run control: a cancel is recorded as 'cancelling' until the workflow confirms it.
alter table run drop constraint run_status_check;
alter table run add constraint run_status_check check (status in ('queued', 'running', 'paused',
                                                                  'waiting_for_approval',
                                                                  'cancelling', 'succeeded',
                                                                  'failed', 'cancelled',
                                                                  'timed_out'));

-- A timeline is closed by its terminal event. Once the run's status is terminal, an event that is
-- not itself terminal (a step that finished after a cancel, a late control request) is not
-- appended: the function answers 0 and records nothing, so the terminal event stays the last one.
create or replace function append_run_event(p_tenant text, p_run uuid, p_key text, p_type text, p_payload jsonb)
    returns int
    language plpgsql as
$$
declare
    next_seq int;
    run_status text;
begin
    select status into run_status from run where id = p_run and tenant_id = p_tenant for update;
    if not found then
        raise exception 'run % of tenant % does not exist', p_run, p_tenant using errcode = 'no_data_found';
    end if;
    select seq into next_seq from run_event where run_id = p_run and event_key = p_key;
    if found then
        return next_seq;
    end if;
    if run_status in ('succeeded', 'failed', 'cancelled', 'timed_out')
        and p_type not in ('run.succeeded', 'run.failed', 'run.cancelled', 'run.timed_out') then
        return 0;
    end if;
    select coalesce(max(seq), 0) + 1 into next_seq from run_event where run_id = p_run;
    insert into run_event (tenant_id, run_id, seq, type, event_key, payload)
    values (p_tenant, p_run, next_seq, p_type, p_key, coalesce(p_payload, '{}'::jsonb));
    return next_seq;
end
$$;

-- When the cancel signal reached Temporal; while null, the API's reconciler sends it again (the
-- request was recorded, but Temporal was unreachable when it was made).
alter table run add column cancel_delivered_at timestamptz;
create index run_cancel_undelivered on run (updated_at) where status = 'cancelling' and cancel_delivered_at is null;
