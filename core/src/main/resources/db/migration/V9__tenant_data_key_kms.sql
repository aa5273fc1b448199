-- Tenant data keys may be wrapped by AWS KMS (the ECS deployment) as well as by a master key
-- (standalone, compose): docs/security.md#secrets. Each kind keeps a check as strict as before:
-- a master key's id is 16 hex digits of a hash of the key and its wrapping is exactly 61 bytes
-- (version, nonce, 32-byte key, tag); a KMS key is named by its ARN (never an alias, which can be
-- pointed at another key) and its wrapping is a KMS ciphertext blob (at most 6144 bytes).
alter table tenant_data_key drop constraint tenant_data_key_master_key_id_check;
alter table tenant_data_key drop constraint tenant_data_key_wrapped_key_check;
alter table tenant_data_key add constraint tenant_data_key_wrapping_check check (
    (master_key_id ~ '^[0-9a-f]{16}$' and length(wrapped_key) = 61)
    or (master_key_id ~ '^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]{1,128}$'
        and length(wrapped_key) between 1 and 6144));
comment on column tenant_data_key.master_key_id is
    'the key that wrapped wrapped_key: a master key id (16 hex) or an AWS KMS key ARN';
