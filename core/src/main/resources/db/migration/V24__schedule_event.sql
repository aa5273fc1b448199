-- A schedule's own timeline (docs/api.md#schedules): what happened to the schedule rather than to
-- one of its runs. Its first type is 'schedule.fires_missed': Temporal counts the fires it did not
-- start because it found them later than the catchup window (the server was down, say), and the
-- API's watcher (ScheduleMissedFires) turns each growth of that count into one event here.
--
-- Exactly once per growth, whatever the number of API replicas and restarts: the count last seen
-- is kept on the schedule's row and moved from the old value to the new one by the same statement
-- that appends the event (record_missed_fires below), conditional on the old value, so a replica
-- that read the count before another recorded it finds the row moved and records nothing.
alter table schedule
    add column missed_fires_seen  bigint      not null default 0 check (missed_fires_seen >= 0),
    -- When the watcher last read Temporal's count; null before its first look. Oldest first.
    add column missed_checked_at  timestamptz,
    add constraint schedule_tenant_id unique (tenant_id, id);

create index schedule_missed_check on schedule (missed_checked_at nulls first)
    where deleted_at is null;

-- No foreign key to the schedule: like its runs, a deleted schedule's events keep saying what
-- happened (and a delivery of one of them still goes out). Append-only.
create table schedule_event (
    tenant_id    text        not null references tenant (id),
    schedule_id  uuid        not null,
    seq          int         not null check (seq > 0),
    type         text        not null check (type in ('schedule.fires_missed')),
    payload      jsonb       not null check (jsonb_typeof(payload) = 'object'),
    created_at   timestamptz not null default now(),
    primary key (schedule_id, seq),
    unique (tenant_id, schedule_id, seq)
);

-- Append-only, save while its tenant's deletion is under way (V23).
create trigger schedule_event_append_only
    before update or delete on schedule_event
    for each row execute function refuse_change_unless_erased();

-- Records that the schedule's missed count went from p_seen to p_total (p_total > p_seen): moves
-- the row's seen count and appends one event with the next seq, in one statement. Answers the
-- event's seq, or null when the row was not at p_seen any more (another replica recorded it, or
-- the schedule went). A count that went down (Temporal's schedule was created again) is only
-- taken as the new base, with no event.
create function record_missed_fires(p_tenant text, p_schedule uuid, p_seen bigint, p_total bigint,
                                    p_payload jsonb)
    returns int
    language plpgsql as
$$
declare
    v_seq int;
begin
    update schedule set missed_fires_seen = p_total, missed_checked_at = now()
     where tenant_id = p_tenant and id = p_schedule and missed_fires_seen = p_seen
       and deleted_at is null;
    if not found or p_total <= p_seen then
        return null;
    end if;
    select coalesce(max(seq), 0) + 1 into v_seq from schedule_event where schedule_id = p_schedule;
    insert into schedule_event (tenant_id, schedule_id, seq, type, payload)
    values (p_tenant, p_schedule, v_seq, 'schedule.fires_missed', p_payload);
    return v_seq;
end
$$;

-- Webhooks may ask for schedule events: the domain takes the new type (beside V22's tenant budget
-- event), and a delivery names either a run event (run_id, seq) or a schedule event (schedule_id,
-- seq).
-- NOT VALID: PostgreSQL cannot re-check stored arrays of a domain (webhook.event_types), and need
-- not, since the new set only adds a value; every new value is checked.
alter domain webhook_event_type drop constraint webhook_event_type_check;
alter domain webhook_event_type add constraint webhook_event_type_check
    check (value in ('run.succeeded', 'run.failed', 'run.timed_out', 'run.cancelled',
                     'run.paused', 'run.waiting_for_approval', 'tenant.budget.soft_exceeded',
                     'schedule.fires_missed')) not valid;

alter table webhook
    drop constraint webhook_event_types_check,
    add constraint webhook_event_types_check check (cardinality(event_types) between 1 and 8);

alter table webhook_delivery
    alter column run_id drop not null,
    add column schedule_id uuid,
    add constraint webhook_delivery_subject check ((run_id is null) <> (schedule_id is null)),
    add constraint webhook_delivery_schedule_event
        foreign key (tenant_id, schedule_id, seq) references schedule_event (tenant_id, schedule_id, seq),
    add constraint webhook_delivery_schedule_event_once unique (webhook_id, schedule_id, seq);

-- The fan-out of a schedule event, as run_event_webhooks fans out a run event: in the append's own
-- transaction, to every enabled webhook of the tenant that wants the type.
create function fan_out_schedule_event_webhooks() returns trigger
    language plpgsql as
$$
begin
    insert into webhook_delivery (tenant_id, webhook_id, schedule_id, seq, type)
    select new.tenant_id, w.id, new.schedule_id, new.seq, new.type
    from webhook w
    where w.tenant_id = new.tenant_id
      and w.enabled
      and new.type = any (w.event_types::text[])
    on conflict (webhook_id, schedule_id, seq) do nothing;
    if found then
        perform pg_notify('webhook_delivery', '');
    end if;
    return null;
end
$$;

create trigger schedule_event_webhooks
    after insert on schedule_event
    for each row execute function fan_out_schedule_event_webhooks();
