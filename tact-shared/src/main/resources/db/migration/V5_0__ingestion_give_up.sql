-- inbound-service: a file given up on (too many attempts, or the queue's last receive) is REJECTED with the
-- reason, but not for good: a new notification for the same version (a DLQ redrive, a push) may claim it
-- again, since the cause may have been an outage rather than the file.
alter table ingestion_file add column reclaimable boolean not null default false;
