-- Outbound webhooks (docs/architecture.md#webhooks), signed by the Standard Webhooks specification.
-- A webhook's signing secret is sealed with the tenant's data key like a trigger's (V12), bound to
-- the tenant and to the name 'webhook <id>'; during a rotation the previous secret stays, sealed the
-- same way, until previous_secret_expires_at, and both signatures are sent.
--
-- The event types a webhook may ask for. The wire names are the body's "type"; each maps from one
-- run event type (webhook_event_type_of below), and core's WebhookEventTypes lists the same set.
create domain webhook_event_type as text
    check (value in ('run.succeeded', 'run.failed', 'run.timed_out', 'run.cancelled',
                     'run.paused', 'run.waiting_for_approval'));

create table webhook (
    id                         uuid        primary key,
    tenant_id                  text        not null references tenant_data_key (tenant_id),
    name                       text        not null check (name ~ '^[A-Za-z][A-Za-z0-9_.-]{0,62}$'),
    url                        text        not null
                                           check (url ~ '^https?://' and length(url) <= 2048),
    event_types                webhook_event_type[] not null
                                           check (cardinality(event_types) between 1 and 6),
    enabled                    boolean     not null default true,
    -- Why the sender disabled it (a 410 Gone); cleared when it is enabled again.
    disabled_reason            text        check (length(disabled_reason) <= 1024),
    sealed_secret              bytea       not null check (length(sealed_secret) between 30 and 1024),
    previous_sealed_secret     bytea       check (length(previous_sealed_secret) between 30 and 1024),
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz not null default now(),
    created_by                 text        not null check (length(created_by) between 1 and 255),
    check ((previous_sealed_secret is null) = (previous_secret_expires_at is null)),
    unique (tenant_id, name),
    unique (tenant_id, id)
);

-- The outbox: one row per (webhook, run event) the webhook wants, written by the event's own
-- transaction (run_event_webhooks below), so an event that committed has its deliveries and a
-- rolled-back one has none, whichever process appended it and whatever dies afterwards. The worker's
-- sender only reads and updates rows here. message_id is the webhook-id header: stable across
-- retries and redeliveries, so a receiver dedupes on it.
create table webhook_delivery (
    id               uuid        primary key default gen_random_uuid(),
    message_id       text        generated always as ('msg_' || replace(id::text, '-', '')) stored,
    tenant_id        text        not null,
    webhook_id       uuid        not null,
    run_id           uuid        not null,
    seq              int         not null,
    type             webhook_event_type not null,
    -- pending: to be sent at next_attempt_at (also while a sender holds it: it moves
    -- next_attempt_at past its own timeout first); delivered: a 2xx; failed: retries exhausted or
    -- not retryable (a refused destination); abandoned: the webhook was disabled before it went out.
    status           text        not null default 'pending'
                                 check (status in ('pending', 'delivered', 'failed', 'abandoned')),
    attempts         int         not null default 0 check (attempts >= 0),
    next_attempt_at  timestamptz not null default now(),
    last_status_code int,
    last_error       text        check (length(last_error) <= 1024),
    last_latency_ms  int,
    created_at       timestamptz not null default now(),
    delivered_at     timestamptz,
    unique (webhook_id, run_id, seq),
    -- Both keys carry the tenant, as every key between tenant-owned rows does.
    foreign key (tenant_id, webhook_id) references webhook (tenant_id, id) on delete cascade,
    foreign key (tenant_id, run_id) references run (tenant_id, id)
);

-- The sender's claim: due pending rows, oldest first.
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
-- The delivery log of one webhook, newest first.
create index webhook_delivery_log on webhook_delivery (webhook_id, created_at desc, id);

-- Which webhook event type a run event is, or null when no webhook can ask for it.
create function webhook_event_type_of(p_type text) returns text
    language sql immutable as
$$
select case p_type
           when 'run.succeeded' then 'run.succeeded'
           when 'run.failed' then 'run.failed'
           when 'run.timed_out' then 'run.timed_out'
           when 'run.cancelled' then 'run.cancelled'
           when 'run.paused' then 'run.paused'
           when 'approval.requested' then 'run.waiting_for_approval'
           end
$$;

-- The fan-out, inside the append: every enabled webhook of the run's tenant that wants the event
-- gets one delivery. The notification (sent at commit, like run_event's) wakes the senders at once;
-- they also poll, so a lost notification only delays.
create function fan_out_webhook_deliveries() returns trigger
    language plpgsql as
$$
declare
    wanted text := webhook_event_type_of(new.type);
begin
    if wanted is null then
        return null;
    end if;
    insert into webhook_delivery (tenant_id, webhook_id, run_id, seq, type)
    select new.tenant_id, w.id, new.run_id, new.seq, wanted
    from webhook w
    where w.tenant_id = new.tenant_id
      and w.enabled
      and wanted = any (w.event_types::text[])
    on conflict (webhook_id, run_id, seq) do nothing;
    if found then
        perform pg_notify('webhook_delivery', '');
    end if;
    return null;
end
$$;

create trigger run_event_webhooks
    after insert on run_event
    for each row execute function fan_out_webhook_deliveries();
