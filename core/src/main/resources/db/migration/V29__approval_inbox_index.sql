-- The tenant's approvals (GET /v1/approvals) page by the key (requested_at desc, id desc) within a
-- tenant, optionally of one status. An index in exactly that order lets every page start at its
-- cursor and stop after limit + 1 rows, with no sort. V5's (tenant_id, run_id, requested_at) serves
-- one run's approvals only.
create index run_approval_tenant_requested_id on run_approval (tenant_id, requested_at desc, id desc);

-- The inbox's usual question is "what is pending": few rows among a tenant's whole history, which
-- the index above would walk to fill a page. An approval changes status once, so the entry is
-- rewritten once.
create index run_approval_tenant_status_requested_id
    on run_approval (tenant_id, status, requested_at desc, id desc);
