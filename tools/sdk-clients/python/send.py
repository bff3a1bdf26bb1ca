#!/usr/bin/env python3
"""Sends one CloudEvent to the hub with the official CloudEvents SDK for Python (`cloudevents`
on PyPI, its `cloudevents.core.bindings` converters), as a vendor's producer would.

  send.py http-binary|http-structured  <url>      --token <bearer> --event <file.json>
  send.py kafka-binary|kafka-structured <brokers> --topic <topic>  --event <file.json>

The event file is one CloudEvent in the JSON format (structured form). HTTP modes print the
status line and the body of the answer (exit 0 on 2xx); Kafka modes print the record's topic,
partition and offset once the broker acknowledged it. The record key is the event's
`partitionkey` extension (the SDK's default key mapper), else its subject.
"""
import argparse
import json
import sys
import urllib.error
import urllib.request

from cloudevents.core.bindings import http, kafka
from cloudevents.core.formats.json import JSONFormat

MODES = ("http-binary", "http-structured", "kafka-binary", "kafka-structured")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("target", help="HTTP: the POST URL (…/v1/events); Kafka: bootstrap brokers host:port[,…]")
    parser.add_argument("--event", required=True, help="a CloudEvent as JSON (structured form)")
    parser.add_argument("--token", help="HTTP: the bearer token (a school system's)")
    parser.add_argument("--topic", help="Kafka: the topic (educube.<family>.v1)")
    args = parser.parse_args()

    fmt = JSONFormat()
    with open(args.event, "rb") as f:
        event = fmt.read(None, f.read())  # the SDK's own parser: attributes, time as a datetime, data

    if args.mode.startswith("http-"):
        if not args.token:
            parser.error("--token is required for HTTP")
        message = http.to_binary(event, fmt) if args.mode == "http-binary" else http.to_structured(event, fmt)
        headers = {**message.headers, "authorization": f"Bearer {args.token}"}
        request = urllib.request.Request(args.target, data=message.body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        print(status)
        print(body.decode("utf-8", "replace"))
        return 0 if 200 <= status < 300 else 1

    if not args.topic:
        parser.error("--topic is required for Kafka")
    from kafka import KafkaProducer  # kafka-python

    key_of = lambda e: e.get_extension("partitionkey") or e.get_subject()  # noqa: E731
    message = kafka.to_binary(event, fmt, key_of) if args.mode == "kafka-binary" else kafka.to_structured(event, fmt, key_of)
    key = message.key.encode("utf-8") if isinstance(message.key, str) else message.key
    producer = KafkaProducer(bootstrap_servers=args.target.split(","), acks="all", client_id="educube-sdk-python")
    try:
        sent = producer.send(args.topic, key=key, value=message.value, headers=list(message.headers.items())).get(timeout=30)
        producer.flush()
    finally:
        producer.close()
    print(json.dumps({"topic": sent.topic, "partition": sent.partition, "offset": sent.offset}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
