-- A tenant's admission rate and burst (docs/operations.md#tenant-policy); null: the operator's
-- default (agent-runtime.limits.run-admissions-per-second, and a burst of the same size). The API
-- enforces them with its Redis rate limiter, reading them at most a few seconds late.
alter table tenant_policy
    add column admissions_per_second int check (admissions_per_second between 1 and 100000),
    add column admission_burst       int check (admission_burst between 1 and 1000000);
