-- Inbound triggers (docs/api.md#triggers): a signed HTTP delivery to POST /v1/triggers/{id} admits
-- a run of the trigger's agent through the one admission path (origin 'trigger'). The signing secret
-- is sealed with the tenant's data key like a tenant secret (V7), bound to the tenant and to the name
-- 'trigger <id>' so a sealed value copied to another row does not open; no column holds it in clear.
-- Deliveries are not stored here: a delivery's run carries an idempotency key derived from the
-- trigger id and the delivery id (with spaces, which no Idempotency-Key header can hold), so a
-- retried delivery answers the run the first one admitted.
create table trigger (
    id                uuid        primary key,
    tenant_id         text        not null references tenant_data_key (tenant_id),
    name              text        not null check (name ~ '^[A-Za-z][A-Za-z0-9_.-]{0,62}$'),
    agent_name        text        not null check (length(agent_name) between 1 and 63),
    agent_version     int         check (agent_version > 0),
    preset            text        not null
                                  check (preset in ('standard-webhooks', 'github', 'slack')),
    sealed_secret     bytea       not null check (length(sealed_secret) between 30 and 1024),
    -- A JSON Pointer (RFC 6901) into the delivery's body; '' is the whole body.
    input_pointer     text        not null default '' check (input_pointer = ''
                                  or (input_pointer ~ '^/' and length(input_pointer) <= 512)),
    enabled           boolean     not null default true,
    tolerance_seconds int         not null default 300 check (tolerance_seconds between 1 and 3600),
    created_at        timestamptz not null default now(),
    created_by        text        not null check (length(created_by) between 1 and 255),
    unique (tenant_id, name)
);
