-- outbound-service: partner endpoints and weights, per-bucket partner switches with their audit, and the
-- delivery ledger (one row per partner and event, one row per attempt). The outbox itself is V1_0's outbox_event.

-- Where a partner's calls go and in which proportion. Seeded from configuration when a partner has none;
-- the config API replaces a partner's set as a whole.
create table partner_endpoint (
    partner     text not null,
    label       text not null check (label ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    url         text not null,
    weight      integer not null check (weight between 0 and 1000),
    updated_by  text not null,
    updated_at  timestamptz not null default now(),
    primary key (partner, label)
);

-- The outbound switch of a (partner, bucket) pair; no row means enabled.
create table partner_switch (
    partner     text not null,
    bucket_id   text not null references bucket (bucket_id) on delete cascade,
    enabled     boolean not null,
    reason      text,
    updated_by  text not null,
    updated_at  timestamptz not null default now(),
    primary key (partner, bucket_id)
);

-- Who changed what, when, old and new value: switches and endpoint weights.
create table partner_config_audit (
    id          bigint generated always as identity primary key,
    partner     text not null,
    subject     text not null check (subject in ('SWITCH', 'ENDPOINTS')),
    bucket_id   text,
    old_value   jsonb,
    new_value   jsonb not null,
    changed_by  text not null,
    changed_at  timestamptz not null default now()
);
create index partner_config_audit_idx on partner_config_audit (partner, changed_at desc);

-- The delivery ledger: the unique key (partner, event id) is what discards duplicates (relay re-publish after a
-- crash, SQS at-least-once). A malformed message has no event id: it is keyed by its SQS message id.
create table delivery (
    partner           text not null,
    event_id          uuid not null,
    event_type        text,
    bucket_id         text,
    status            text not null check (status in
                          ('IN_FLIGHT', 'RETRYING', 'DELIVERED', 'SUPPRESSED', 'DEAD_LETTERED', 'REPLAY_REQUESTED')),
    attempts          integer not null default 0,
    last_status_code  integer,
    last_error        text,
    message_body      text,            -- the queue message as received: what a replay sends again
    claimed_until     timestamptz,     -- an instance is working on it until then (another one waits)
    first_seen_at     timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    delivered_at      timestamptz,
    primary key (partner, event_id)
);
create index delivery_status_idx on delivery (partner, status, updated_at);
create index delivery_bucket_idx on delivery (bucket_id, first_seen_at);
create index delivery_updated_idx on delivery (updated_at);

create table delivery_attempt (
    id            bigint generated always as identity primary key,
    partner       text not null,
    event_id      uuid not null,
    endpoint      text,
    outcome       text not null check (outcome in
                      ('SUCCESS', 'HTTP_ERROR', 'TIMEOUT', 'IO_ERROR', 'UNAUTHORIZED', 'CIRCUIT_OPEN', 'REFUSED')),
    status_code   integer,
    latency_ms    integer,
    error         text,
    attempted_at  timestamptz not null default now()
);
create index delivery_attempt_event_idx on delivery_attempt (partner, event_id, id);
create index delivery_attempt_time_idx on delivery_attempt (attempted_at);
