-- MCP tool definitions pinned per agent version: the first time a worker needs the tools of an
-- mcp entry it lists the server's tools and keeps, per offered tool, the definition the model was
-- shown and the SHA-256 of its RFC 8785 canonical JSON ({name, description, inputSchema}). Every
-- later call compares the server's current definition with this pin and stops the run when it
-- changed. Rows are written once (insert ... on conflict do nothing, then read back, so workers
-- racing at first use agree on one pin) and never changed.
create table mcp_tool_pin (
    tenant_id         text        not null,
    agent_version_id  uuid        not null,
    tool_name         text        not null check (tool_name ~ '^[a-zA-Z][a-zA-Z0-9_-]{0,63}$'),
    server_url        text        not null,
    definition_sha256 text        not null check (definition_sha256 ~ '^[0-9a-f]{64}$'),
    definition        jsonb       not null,
    pinned_at         timestamptz not null default now(),
    primary key (tenant_id, agent_version_id, tool_name),
    foreign key (tenant_id, agent_version_id) references agent_version (tenant_id, id)
);

create trigger mcp_tool_pin_immutable
    before update or delete on mcp_tool_pin
    for each row execute function refuse_change();
