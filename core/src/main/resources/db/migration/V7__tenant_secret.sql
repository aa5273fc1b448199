-- Tenant secrets, encrypted at rest with envelope encryption (docs/security.md#secrets).
-- Each tenant has one random data key, stored only wrapped by a master key (whose id, derived from
-- the key itself, is kept beside it so a rotation knows which key unwraps it). Secret values are
-- sealed with the tenant's data key (AES-256-GCM, bound to tenant and name); no column holds a
-- value or a key in the clear. Values are written by the API and opened by the worker only.
create table tenant_data_key (
    tenant_id     text primary key references tenant (id),
    master_key_id text        not null check (master_key_id ~ '^[0-9a-f]{16}$'),
    wrapped_key   bytea       not null check (length(wrapped_key) = 61),
    created_at    timestamptz not null default now(),
    rewrapped_at  timestamptz
);

create table tenant_secret (
    tenant_id   text        not null references tenant_data_key (tenant_id),
    name        text        not null check (name ~ '^[A-Za-z][A-Za-z0-9_-]{0,63}$'),
    sealed      bytea       not null check (length(sealed) between 30 and 16413),
    fingerprint text        not null check (fingerprint ~ '^hmac-sha256:[0-9a-f]{16}$'),
    version     int         not null check (version > 0),
    created_at  timestamptz not null,
    created_by  text        not null check (length(created_by) between 1 and 255),
    updated_at  timestamptz not null,
    updated_by  text        not null check (length(updated_by) between 1 and 255),
    primary key (tenant_id, name)
);
