-- Run control: a cancel is recorded as 'cancelling' until the workflow confirms it.
alter table run drop constraint run_status_check;
alter table run add constraint run_status_check check (status in ('queued', 'running', 'paused',
                                                                  'waiting_for_approval',
                                                                  'cancelling', 'succeeded',
                                                                  'failed', 'cancelled',
                                                                  'timed_out'));
