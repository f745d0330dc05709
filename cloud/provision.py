#!/usr/bin/env python3
"""Creates every cloud resource of cloud/resources.json in an AWS API endpoint (the moto server locally).

Idempotent: running it twice leaves the same resources. Names come only from resources.json, so the
local emulator, docker-compose and Terraform agree.

usage: provision.py --endpoint http://127.0.0.1:4566 [--env local]
"""
import argparse
import json
import os
import sys

import boto3
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_MESSAGE_BYTES = 262144  # what real SQS allows; moto defaults to 1 MiB


def names(env):
    with open(os.path.join(HERE, "resources.json")) as f:
        text = f.read().replace("{env}", env)
    return json.loads(text)


def queue(sqs, name, visibility, dlq_arn=None, max_receive=None):
    attributes = {"VisibilityTimeout": str(visibility), "MaximumMessageSize": str(MAX_MESSAGE_BYTES),
                  "MessageRetentionPeriod": str(14 * 24 * 3600)}
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    if dlq_arn:
        attributes["RedrivePolicy"] = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(max_receive)})
    sqs.set_queue_attributes(QueueUrl=url, Attributes=attributes)
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn


def routed_queue(sqs, events, bus, rule, pattern, queue_name, dlq_name, visibility, max_receive):
    """A queue (+DLQ) that receives the events of `bus` matching `pattern` through rule `rule`."""
    _, dlq_arn = queue(sqs, dlq_name, visibility)
    url, arn = queue(sqs, queue_name, visibility, dlq_arn, max_receive)
    events.put_rule(Name=rule, EventBusName=bus, EventPattern=json.dumps(pattern), State="ENABLED")
    events.put_targets(Rule=rule, EventBusName=bus, Targets=[{"Id": "queue", "Arn": arn}])
    # In AWS the queue policy must let events.amazonaws.com send; Terraform sets it, the emulator ignores it.
    return url


def bucket(s3, name):
    existing = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
    if name not in existing:
        s3.create_bucket(Bucket=name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--env", default=os.environ.get("TACT_ENV", "local"))
    args = parser.parse_args()

    n = names(args.env)
    session = boto3.session.Session(aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "local"),
                                    aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "local"),
                                    region_name=n["region"])
    cfg = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2})
    s3 = session.client("s3", endpoint_url=args.endpoint, config=cfg)
    sqs = session.client("sqs", endpoint_url=args.endpoint, config=cfg)
    sns = session.client("sns", endpoint_url=args.endpoint, config=cfg)
    events = session.client("events", endpoint_url=args.endpoint, config=cfg)

    inbound = n["inbound"]
    _, dlq_arn = queue(sqs, inbound["dlq"], inbound["visibilityTimeoutSeconds"])
    queue_url, queue_arn = queue(sqs, inbound["queue"], inbound["visibilityTimeoutSeconds"], dlq_arn, inbound["maxReceiveCount"])
    bucket(s3, inbound["bucket"])
    s3.put_bucket_versioning(Bucket=inbound["bucket"], VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_notification_configuration(Bucket=inbound["bucket"], NotificationConfiguration={
        "QueueConfigurations": [{
            "Id": "inbound-files",
            "QueueArn": queue_arn,
            "Events": ["s3:ObjectCreated:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": inbound["notificationPrefix"]}]}},
        }]})

    bus = n["events"]["bus"]
    if bus not in {b["Name"] for b in events.list_event_buses()["EventBuses"]}:
        events.create_event_bus(Name=bus)

    for partner in n.get("outbound", {}).get("partners", []):
        routed_queue(sqs, events, bus, partner["rule"], partner["eventPattern"], partner["queue"], partner["dlq"],
                     partner.get("visibilityTimeoutSeconds", 60), partner.get("maxReceiveCount", 5))

    alerting = n["alerting"]
    bucket(s3, alerting["payloadBucket"])
    for topic in alerting["topics"].values():
        sns.create_topic(Name=topic)
    routed_queue(sqs, events, bus, alerting["eventsRule"], alerting["eventPattern"], alerting["eventsQueue"],
                 alerting["eventsDlq"], 60, 5)

    print(json.dumps({"inboundQueueUrl": queue_url, "inboundBucket": inbound["bucket"], "eventBus": bus}))


if __name__ == "__main__":
    sys.exit(main())
