-- Alerting: silences, and the alert table that is at once the durable outbox and the history.
-- An alert is inserted (state STORED) before anything is published; the relay of alerting-service publishes
-- STORED rows per topic in id order and stamps the outcome. Nothing is ever deleted by the service.

-- A silence mutes matching alerts during planned maintenance. Every given matcher must match; at least one is given.
create table alert_silence (
    id                bigint generated always as identity primary key,
    topic             text,
    source            text,
    dedup_key_prefix  text,
    starts_at         timestamptz not null,
    ends_at           timestamptz not null,
    comment           text not null,
    created_by        text not null,
    created_at        timestamptz not null default now(),
    expired_at        timestamptz,             -- ended early through the API
    check (ends_at > starts_at),
    check (topic is not null or source is not null or dedup_key_prefix is not null)
);
create index alert_silence_active_idx on alert_silence (ends_at) where expired_at is null;

create table alert (
    id                  bigint generated always as identity primary key,   -- outbox order
    alert_id            uuid not null unique default gen_random_uuid(),    -- the public id (API, SNS attribute, S3 key)
    topic               text not null,           -- the audience key of tact.alerting.topics
    severity            text not null check (severity in ('CRITICAL', 'WARNING', 'INFO')),
    source              text not null,
    dedup_key           text not null,
    title               text not null,
    body                text,                    -- null only for a duplicate whose body equals its group head's
    body_bytes          integer not null,        -- UTF-8 size
    body_sha256         text not null,
    origin_event_id     text unique,             -- EventBridge event id: a redelivered event gives one alert
    state               text not null check (state in
                            ('STORED', 'PUBLISHED', 'OFFLOADED', 'DEDUPLICATED', 'SILENCED', 'FAILED')),
    occurrences         integer not null default 1,   -- on a group head: itself plus its duplicates
    duplicate_of        bigint references alert (id),
    silence_id          bigint references alert_silence (id),
    publish_after       timestamptz not null default now(),   -- end of the group wait
    sns_message_id      text,
    payload_pointer     text,                    -- s3://bucket/key when the body was offloaded
    attempts            integer not null default 0,
    last_error          text,
    last_attempt_at     timestamptz,
    received_at         timestamptz not null default now(),
    published_at        timestamptz,
    check ((state = 'DEDUPLICATED') = (duplicate_of is not null)),
    check ((state = 'SILENCED') = (silence_id is not null))
);
create index alert_pending_idx on alert (topic, id) where state = 'STORED';
create index alert_group_idx on alert (topic, dedup_key, received_at desc)
    where state not in ('DEDUPLICATED', 'SILENCED');
create index alert_published_idx on alert (topic, published_at) where published_at is not null;
create index alert_received_idx on alert (received_at desc);
create index alert_duplicate_of_idx on alert (duplicate_of) where duplicate_of is not null;
