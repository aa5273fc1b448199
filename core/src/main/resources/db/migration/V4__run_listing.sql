-- Run listing (GET /v1/runs) pages by the key (created_at desc, id desc) within a tenant. An index in
-- exactly that order lets every page start at its cursor and stop after limit + 1 rows, with no sort:
-- the V1 index (tenant_id, created_at desc) left ties on created_at to be sorted. It covers every
-- query the V1 index served (same leading columns), so that one goes.
create index run_tenant_created_id on run (tenant_id, created_at desc, id desc);
drop index run_tenant_created;

-- Filtered listings. Without these, a filter on one agent, or on a status few runs have (running,
-- waiting_for_approval, failed), walks the tenant's whole history to fill a page. The status index
-- costs a little on each status change (the row's index entries are rewritten), a few per run.
-- Several statuses at once are served by the tenant index, filtered.
create index run_tenant_agent_created_id on run (tenant_id, agent_id, created_at desc, id desc);
create index run_tenant_status_created_id on run (tenant_id, status, created_at desc, id desc);
