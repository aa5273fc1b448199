-- A trigger's secret is rotated with an overlap (docs/api.md#rotating-a-triggers-secret): the
-- sender (GitHub, Slack, a Standard Webhooks sender) is reconfigured by a person after the rotation,
-- so the secret it still signs with keeps verifying until previous_valid_until. The previous secret
-- is sealed like the current one (bound to 'trigger <id>'), and the two columns are set together.
alter table trigger
    add column previous_sealed_secret bytea
        check (length(previous_sealed_secret) between 30 and 1024),
    add column previous_valid_until   timestamptz,
    add constraint trigger_previous_secret_shape
        check ((previous_sealed_secret is null) = (previous_valid_until is null));
