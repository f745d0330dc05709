-- alerting-service: the trace an alert was raised in (its W3C traceparent), so that the SNS publish continues it
alter table alert add column traceparent text;
