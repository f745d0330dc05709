-- inbound-service: the last landing into each candidate table, so that a new version of a file whose bytes equal
-- that landing's, and that would therefore write nothing, is recorded DONE without being landed again
-- (docs/inbound.md, "Unchanged re-loads"). Written in the transaction of every landing. A write into a candidate
-- table outside a landing (SQL by hand, a truncate, a restore) deletes the table's row here in the same statement
-- (the trigger below), so that the next copy of the last file is landed and writes its values back; the service
-- keeps no row for a candidate table without that trigger.
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

-- Every landing sets tact.landing for its transaction; any other statement that writes a candidate table forgets
-- the table's last landing.
create function forget_landing_mark() returns trigger language plpgsql as $$
begin
    if coalesce(current_setting('tact.landing', true), '') <> 'on' then
        delete from landing_mark where candidate_table = tg_table_name;
    end if;
    return null;
end
$$;

create trigger forget_landing_mark after insert or update or delete or truncate on allocation_candidate
    for each statement execute function forget_landing_mark();
create trigger forget_landing_mark after insert or update or delete or truncate on bucket_attribute_candidate
    for each statement execute function forget_landing_mark();
create trigger forget_landing_mark after insert or update or delete or truncate on holding_candidate
    for each statement execute function forget_landing_mark();
