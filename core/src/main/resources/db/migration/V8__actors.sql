-- Who created each tenant, agent, version and run: the subject of the token that asked, as
-- tenant_secret.created_by records it (1 to 255 characters; PostgreSQL text holds no U+0000).
-- Rows written before this migration name nobody, and say so rather than guess; the default that
-- fills them in is dropped at once, so every later insert must name its author.
-- Adding a column with a constant default rewrites no row, so agent_version's refuse_change
-- trigger (its rows are immutable) does not fire; a version's author is set when it is inserted.

alter table tenant
    add column created_by text not null default '(before actors were recorded)'
        check (length(created_by) between 1 and 255);
alter table tenant alter column created_by drop default;

alter table agent
    add column created_by text not null default '(before actors were recorded)'
        check (length(created_by) between 1 and 255);
alter table agent alter column created_by drop default;

alter table agent_version
    add column created_by text not null default '(before actors were recorded)'
        check (length(created_by) between 1 and 255);
alter table agent_version alter column created_by drop default;

alter table run
    add column created_by text not null default '(before actors were recorded)'
        check (length(created_by) between 1 and 255);
alter table run alter column created_by drop default;
