-- inbound-service: the last landing into each candidate table, so that a new version of a file whose bytes equal
-- that landing's, and that would therefore write nothing, is recorded DONE without being landed again
-- (docs/inbound.md, "Unchanged re-loads"). Written in the transaction of every landing; a row here is what makes
-- the shortcut safe, so anything else that writes a candidate table must delete its row here in the same
-- transaction.
create table landing_mark (
    candidate_table text primary key,
    file_id         bigint not null,      -- the last file landed into the table (its transaction wrote this row)
    feed            text not null,
    sha256          text not null,
    size_bytes      bigint not null,
    etag            text,
    fingerprint     text not null,        -- the feed's definition and sources as that file was validated against
    complete        boolean not null,     -- every row of that file holds that file's values: none was held back by
                                          -- a newer version, none was rejected
    max_version     timestamptz,          -- the newest (file_version, file_id) ever written into the table
    max_file_id     bigint,
    updated_at      timestamptz not null default now()
);

-- A DONE file that was not landed because its bytes were those of an earlier landing: which one.
alter table ingestion_file add column unchanged_from bigint;
