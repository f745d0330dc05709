-- outbound-service hardening: a claim token that fences a delivery's writes (a slow attempt whose claim was taken
-- over cannot overwrite what the new holder wrote), and parking of outbox rows that the bus keeps refusing.
alter table delivery add column claim_token uuid;

-- refusals: per-entry refusals by the bus (not whole-call failures, which say nothing about the row); a row is
-- parked (left out of the relay, kept with its reason) after tact.outbound.relay.park-after-refusals of them
-- or at once when it can never be accepted (too large, not a JSON object).
alter table outbox_event add column refusals integer not null default 0;
alter table outbox_event add column parked_at timestamptz;
drop index outbox_event_pending_idx;
create index outbox_event_pending_idx on outbox_event (seq) where published_at is null and parked_at is null;
