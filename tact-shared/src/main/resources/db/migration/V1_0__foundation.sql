-- Foundation schema: feed definitions, the ingestion ledger, row errors, source weights, the bucket domain.
-- Plain PostgreSQL 15 features only, so it runs unchanged on Aurora PostgreSQL.

-- A feed is declared as data: the spec (columns, types, rules, business key, target tables, reject threshold)
-- is JSON validated by inbound-service when it loads it. Adding a feed is an insert, not a code change.
create table feed_definition (
    name        text primary key check (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    s3_prefix   text not null unique,
    spec        jsonb not null,
    updated_at  timestamptz not null default now()
);

-- Which source wins when several give a value for one business key: highest weight, then source name.
create table source_weight (
    feed    text not null references feed_definition (name) on delete cascade,
    source  text not null,
    weight  integer not null,
    primary key (feed, source)
);

-- One row per S3 object version (or pushed object). The unique key is what makes ingestion exactly-once:
-- whichever instance inserts or takes over the row holds the claim; the final transaction that applies the
-- rows also flips the status, fenced by the claim token.
create table ingestion_file (
    id              bigint generated always as identity primary key,
    bucket          text not null,
    object_key      text not null,
    version_tag     text not null,          -- S3 version id when the bucket is versioned, else the ETag
    version_id      text,
    etag            text,
    sequencer       text,                   -- from the S3 event when present (real S3; not the emulator)
    feed            text,
    trigger         text not null check (trigger in ('EVENT', 'PUSH')),
    status          text not null check (status in ('PROCESSING', 'DONE', 'REJECTED', 'FAILED')),
    claim_token     uuid,
    claimed_by      text,
    lease_until     timestamptz,
    attempts        integer not null default 0,
    size_bytes      bigint,
    last_modified   timestamptz,
    sha256          text,
    rows_total      bigint,
    rows_valid      bigint,
    rows_rejected   bigint,
    rows_applied    bigint,
    error_count     bigint not null default 0,
    reason          text,
    trace_id        text,
    received_at     timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    unique (bucket, object_key, version_tag)
);
create index ingestion_file_received_idx on ingestion_file (received_at desc);
create index ingestion_file_status_idx on ingestion_file (status, received_at desc);
create index ingestion_file_feed_idx on ingestion_file (feed, received_at desc);

-- Located errors: line 1 is the header; a null line is a file-level error (missing object, too large, ...).
create table row_error (
    file_id      bigint not null references ingestion_file (id) on delete cascade,
    seq          integer not null,
    line_no      bigint,
    column_no    integer,
    column_name  text,
    reason       text not null,
    raw_value    text,
    primary key (file_id, seq)
);

-- Domain: wealth-management buckets (model portfolios). Attributes keep growing, so they live in JSONB;
-- the few that are queried are generated columns (safe casts: a malformed value gives null, not an error).
create table bucket (
    bucket_id            text primary key,
    attributes           jsonb not null default '{}'::jsonb,
    rebalance_frequency  text generated always as (attributes ->> 'rebalanceFrequency') stored,
    has_etf              boolean generated always as (
                             case when lower(attributes ->> 'hasEtf') in ('true', 'false')
                                  then lower(attributes ->> 'hasEtf')::boolean end) stored,
    drift_tolerance      numeric generated always as (
                             case when (attributes ->> 'driftTolerance') ~ '^-?[0-9]+(\.[0-9]+)?$'
                                  then (attributes ->> 'driftTolerance')::numeric end) stored,
    updated_at           timestamptz not null default now()
);
create index bucket_rebalance_frequency_idx on bucket (rebalance_frequency);

-- Every source's latest value per business key: what ingestion writes. The losing values stay here for audit.
-- file_id/line_no say where a value came from (no foreign key: checking one per row would halve load speed,
-- and ledger rows are never deleted).
create table allocation_candidate (
    bucket_id       text not null,
    security_id     text not null,
    effective_date  date not null,
    source          text not null,
    weight          numeric(9, 6) not null,
    currency        text,
    asset_class     text,
    file_id         bigint not null,
    line_no         bigint not null,
    file_version    timestamptz not null,   -- orders two versions of one object applied out of order
    updated_at      timestamptz not null default now(),
    primary key (bucket_id, security_id, effective_date, source)
);

-- The value that wins per key: the source with the highest weight, ties to the lower source name. A view, so
-- that a weight change applies at once to every key, and a load writes each row once. Filters on the key
-- columns are pushed into the DISTINCT ON, so reading one bucket reads that bucket's candidates only.
create view allocation as
select distinct on (c.bucket_id, c.security_id, c.effective_date)
       c.bucket_id, c.security_id, c.effective_date, c.weight, c.currency, c.asset_class, c.source,
       c.file_id, c.line_no, c.updated_at
from allocation_candidate c
left join source_weight w on w.feed = 'allocations' and w.source = c.source
order by c.bucket_id, c.security_id, c.effective_date, coalesce(w.weight, -2147483648) desc, c.source;

create table bucket_attribute_candidate (
    bucket_id     text not null,
    attribute     text not null,
    source        text not null,
    value         text not null,
    file_id       bigint not null,
    line_no       bigint not null,
    file_version  timestamptz not null,
    updated_at    timestamptz not null default now(),
    primary key (bucket_id, attribute, source)
);

create view bucket_attribute as
select distinct on (c.bucket_id, c.attribute)
       c.bucket_id, c.attribute, c.value, c.source, c.file_id, c.line_no, c.updated_at
from bucket_attribute_candidate c
left join source_weight w on w.feed = 'bucket-attributes' and w.source = c.source
order by c.bucket_id, c.attribute, coalesce(w.weight, -2147483648) desc, c.source;

-- Transactional outbox: a change and the event announcing it commit together (written by the service that
-- makes the change, in the same transaction); the relay in outbound-service publishes pending rows to
-- EventBridge and stamps published_at. Consumers discard duplicates by id.
create table outbox_event (
    id              uuid primary key default gen_random_uuid(),
    seq             bigint generated always as identity unique,   -- creation order; per-aggregate order
    source          text not null,            -- EventBridge source, e.g. tact.inbound
    event_type      text not null,            -- past tense, e.g. AllocationsChanged
    event_version   integer not null default 1,
    aggregate_type  text not null,            -- e.g. bucket
    aggregate_id    text not null,            -- e.g. the bucket id
    payload         jsonb not null,           -- references and keys, never whole files (EventBridge: 256 KB)
    traceparent     text,                     -- W3C trace context of the transaction that wrote it
    created_at      timestamptz not null default now(),
    published_at    timestamptz,
    attempts        integer not null default 0,
    last_error      text
);
create index outbox_event_pending_idx on outbox_event (seq) where published_at is null;
create index outbox_event_aggregate_idx on outbox_event (aggregate_type, aggregate_id, seq);
