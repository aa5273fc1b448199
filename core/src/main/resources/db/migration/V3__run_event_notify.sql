-- Live event streams (GET /v1/runs/{id}/events as text/event-stream) are woken by the append itself
-- rather than by polling: every inserted event notifies channel 'run_event' with '<run_id>:<seq>'.
-- A trigger catches every writer (append_run_event from the worker and the API alike). PostgreSQL
-- delivers the notification only when the inserting transaction commits, so a woken stream always
-- finds the event; a rolled-back append notifies nobody. The payload stays far below NOTIFY's
-- 8000-byte limit and carries no tenant data beyond the run id: a listener reads the event itself,
-- tenant-scoped, from the table.
create function notify_run_event() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('run_event', new.run_id::text || ':' || new.seq);
    return null;
end
$$;

create trigger run_event_notify
    after insert on run_event
    for each row execute function notify_run_event();
