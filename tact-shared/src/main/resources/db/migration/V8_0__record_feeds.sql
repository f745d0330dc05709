-- inbound-service: record feeds (fixed-width EBCDIC files declared by a copybook). A row error of such a file
-- says where in the bytes: the field's byte offset in the file, the copybook field and its raw bytes in hex.
alter table row_error add column byte_offset bigint;
alter table row_error add column field_name text;
alter table row_error add column raw_hex text;

-- The holdings extract of the TACT mainframe: positions per account and security on an as-of date, in 100-byte
-- CP037 records with packed quantities and market values (samples/holdings.cpy is the same copybook).
create table holding_candidate (
    account_id      text not null,
    security_id     text not null,
    as_of_date      date not null,
    source          text not null,
    bucket_id       text not null,
    quantity        numeric(15, 4) not null,
    market_value    numeric(15, 2) not null,
    currency        text not null,
    file_id         bigint not null,
    line_no         bigint not null,   -- the record number in the file
    file_version    timestamptz not null,
    updated_at      timestamptz not null default now(),
    primary key (account_id, security_id, as_of_date, source)
);

create view holding as
select distinct on (c.account_id, c.security_id, c.as_of_date)
       c.account_id, c.security_id, c.as_of_date, c.bucket_id, c.quantity, c.market_value, c.currency, c.source,
       c.file_id, c.line_no, c.updated_at
from holding_candidate c
left join source_weight w on w.feed = 'holdings' and w.source = c.source
order by c.account_id, c.security_id, c.as_of_date, coalesce(w.weight, -2147483648) desc, c.source;

insert into feed_definition (name, s3_prefix, spec) values
('holdings', 'incoming/holdings/', '{
  "description": "Holdings extract of the TACT mainframe: fixed-width CP037 records, header / details / trailer",
  "format": "records",
  "columns": [
    {"name": "account_id",   "type": "string",  "required": true, "pattern": "^[A-Z0-9]{1,10}$"},
    {"name": "bucket_id",    "type": "string",  "required": true, "pattern": "^[A-Z0-9][A-Z0-9_-]{0,31}$"},
    {"name": "security_id",  "type": "string",  "required": true, "pattern": "^[A-Z0-9]{1,12}$"},
    {"name": "quantity",     "type": "decimal", "required": true, "scale": 4},
    {"name": "market_value", "type": "decimal", "required": true, "scale": 2},
    {"name": "currency",     "type": "string",  "required": true, "pattern": "^[A-Z]{3}$"},
    {"name": "as_of_date",   "type": "date",    "required": true},
    {"name": "source",       "type": "string",  "required": true, "maxLength": 64}
  ],
  "businessKey": ["account_id", "security_id", "as_of_date"],
  "sourceColumn": "source",
  "changeEvent": {"type": "HoldingsChanged", "aggregateType": "bucket", "aggregateKey": "bucket_id"},
  "target": {"table": "holding", "candidateTable": "holding_candidate", "parent": {"table": "bucket", "key": "bucket_id"}},
  "rejectThreshold": {"maxErrorRatio": 0.01},
  "records": {
    "codePage": "CP037",
    "framing": "fixed",
    "recordType": {"field": "REC-TYPE",
                   "header":  {"value": "H", "group": "HDR-DATA"},
                   "detail":  {"value": "D", "group": "DTL-DATA"},
                   "trailer": {"value": "T", "group": "TRL-DATA"}},
    "columns": {
      "account_id":   "DTL-ACCOUNT",
      "bucket_id":    "DTL-BUCKET",
      "security_id":  "DTL-SECURITY",
      "quantity":     "DTL-QUANTITY",
      "market_value": "DTL-MARKET-VALUE",
      "currency":     "DTL-CURRENCY",
      "as_of_date":   {"field": "DTL-AS-OF-DATE", "date": "yyyyMMdd"},
      "source":       {"constant": "TACT"}
    },
    "control": {"recordCount": "TRL-RECORD-COUNT", "hashTotal": "TRL-HASH-TOTAL", "hashOf": "DTL-MARKET-VALUE",
                "runDate": "HDR-RUN-DATE"}
  }
}'::jsonb);

-- the copybook is stored with the definition, as text
update feed_definition set spec = jsonb_set(spec, '{records,copybook}', to_jsonb($copybook$      * TACT holdings extract (HOLDEXT): one header, the detail records,
      * one trailer; 100-byte fixed records in EBCDIC (CP037).
      * REC-TYPE tells them apart: H header, D detail, T trailer.
       01  HOLDINGS-RECORD.
           05  REC-TYPE                PIC X.
           05  HDR-DATA.
               10  HDR-RUN-DATE        PIC 9(8).
               10  HDR-SYSTEM          PIC X(8).
               10  FILLER              PIC X(83).
           05  DTL-DATA REDEFINES HDR-DATA.
               10  DTL-ACCOUNT         PIC X(10).
               10  DTL-BUCKET          PIC X(12).
               10  DTL-SECURITY        PIC X(12).
               10  DTL-QUANTITY        PIC S9(11)V9(4) COMP-3.
               10  DTL-MARKET-VALUE    PIC S9(13)V9(2) COMP-3.
               10  DTL-CURRENCY        PIC X(3).
               10  DTL-AS-OF-DATE      PIC 9(8).
               10  FILLER              PIC X(38).
           05  TRL-DATA REDEFINES HDR-DATA.
               10  TRL-RECORD-COUNT    PIC 9(9) COMP.
               10  TRL-HASH-TOTAL      PIC S9(15)V9(2) COMP-3.
               10  FILLER              PIC X(86).
$copybook$::text))
where name = 'holdings';

insert into source_weight (feed, source, weight) values ('holdings', 'TACT', 100);
