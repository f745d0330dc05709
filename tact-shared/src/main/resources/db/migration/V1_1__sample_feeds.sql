-- The two feeds shipped with the suite. Column names are the CSV header names and the table columns.
insert into feed_definition (name, s3_prefix, spec) values
('allocations', 'incoming/allocations/', '{
  "description": "Model-portfolio allocations: one security weight (percent) per bucket and effective date",
  "columns": [
    {"name": "bucket_id",      "type": "string",  "required": true, "pattern": "^[A-Z0-9][A-Z0-9_-]{0,31}$"},
    {"name": "security_id",    "type": "string",  "required": true, "pattern": "^[A-Z0-9]{1,12}$"},
    {"name": "weight",         "type": "decimal", "required": true, "min": 0, "max": 100, "scale": 6},
    {"name": "effective_date", "type": "date",    "required": true},
    {"name": "source",         "type": "string",  "required": true, "maxLength": 64},
    {"name": "currency",       "type": "string",  "pattern": "^[A-Z]{3}$"},
    {"name": "asset_class",    "type": "string",  "allowed": ["EQUITY", "FIXED_INCOME", "CASH", "ETF", "FUND", "OTHER"]}
  ],
  "businessKey": ["bucket_id", "security_id", "effective_date"],
  "sourceColumn": "source",
  "changeEvent": {"type": "AllocationsChanged", "aggregateType": "bucket", "aggregateKey": "bucket_id"},
  "target": {"table": "allocation", "candidateTable": "allocation_candidate", "parent": {"table": "bucket", "key": "bucket_id"}},
  "rejectThreshold": {"maxErrorRatio": 0.01}
}'),
('bucket-attributes', 'incoming/bucket-attributes/', '{
  "description": "Bucket attributes (rebalance frequency, hasEtf, drift tolerance, ...), rolled up into bucket.attributes",
  "columns": [
    {"name": "bucket_id", "type": "string", "required": true, "pattern": "^[A-Z0-9][A-Z0-9_-]{0,31}$"},
    {"name": "attribute", "type": "string", "required": true, "pattern": "^[a-z][A-Za-z0-9]{0,63}$"},
    {"name": "value",     "type": "string", "required": true, "maxLength": 1024,
     "typeBy": {"column": "attribute", "types": {
        "hasEtf":             {"type": "boolean"},
        "driftTolerance":     {"type": "decimal", "min": 0, "max": 1},
        "rebalanceFrequency": {"type": "string", "allowed": ["DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "ANNUAL"]}}}},
    {"name": "source",    "type": "string", "required": true, "maxLength": 64}
  ],
  "businessKey": ["bucket_id", "attribute"],
  "sourceColumn": "source",
  "changeEvent": {"type": "BucketAttributesChanged", "aggregateType": "bucket", "aggregateKey": "bucket_id"},
  "target": {"table": "bucket_attribute", "candidateTable": "bucket_attribute_candidate",
             "jsonRollup": {"table": "bucket", "column": "attributes", "key": "bucket_id", "name": "attribute", "value": "value"}},
  "rejectThreshold": {"maxErrorRatio": 0.05}
}');

insert into source_weight (feed, source, weight) values
('allocations', 'CUSTODIAN', 100),
('allocations', 'PM_DESK', 80),
('allocations', 'VENDOR', 50),
('bucket-attributes', 'PM_DESK', 100),
('bucket-attributes', 'RISK', 90),
('bucket-attributes', 'VENDOR', 50);
