#!/usr/bin/env python3
"""Writes a TACT holdings extract of any size, as samples/holdings.cpy lays it out: 100-byte fixed records in an
EBCDIC code page (CP037 by default), a header (H, run date), detail records (D: account, bucket, security, quantity
and market value packed COMP-3, currency, as-of date) and a trailer (T: record count COMP, hash total of the market
values COMP-3). Streams to the file, so a million records need no memory. Optionally writes the same rows as CSV (the
holdings feed's columns), for comparing with a CSV feed.

  python3 samples/holdings.py --records 1000000 --out /tmp/holdings.dat --csv /tmp/holdings.csv
  python3 samples/holdings.py --records 8 --out samples/holdings-2026-11-25.dat      (the shipped sample)

The encoding here is written from the copybook independently of inbound-service's Java decoder: the two agreeing
is part of the test.
"""
import argparse
import random
from decimal import Decimal

RECORD = 100
BUCKETS = ["GROWTH-01", "INCOME-02", "BALANCED-03", "ESG-04", "CASH-05"]
SECURITIES = ["US0378331005", "US5949181045", "IE00B4L5Y983", "DE0007164600", "CH0038863350", "GB0002374006",
              "FR0000120271", "US88160R1014", "NL0010273215", "JP3633400001"]
CURRENCIES = ["USD", "EUR", "CHF", "GBP"]


def text(value, length, codec):
    if len(value) > length:
        raise ValueError(f"{value!r} is longer than {length}")
    return value.ljust(length).encode(codec)


def zoned_unsigned(value, digits, codec):
    return str(value).rjust(digits, "0").encode(codec)


def packed(value, digits, scale):
    """COMP-3: a digit per nibble, the last nibble C (+) or D (-); digits // 2 + 1 bytes."""
    unscaled = int((Decimal(value) * (10 ** scale)).to_integral_exact())
    magnitude = str(abs(unscaled))
    if len(magnitude) > digits:
        raise ValueError(f"{value} has more than {digits} digits")
    length = digits // 2 + 1
    nibbles = magnitude.rjust(length * 2 - 1, "0") + ("D" if unscaled < 0 else "C")
    return bytes.fromhex(nibbles)


def binary(value, size):
    return int(value).to_bytes(size, "big", signed=False)


def record(type_code, body, codec):
    out = type_code.encode(codec) + body
    return out + " ".encode(codec) * (RECORD - len(out))


def header(run_date, codec):
    return record("H", zoned_unsigned(run_date, 8, codec) + text("HOLDEXT", 8, codec), codec)


def detail(h, codec):
    return record("D", text(h["account_id"], 10, codec) + text(h["bucket_id"], 12, codec) + text(h["security_id"], 12, codec)
                  + packed(h["quantity"], 15, 4) + packed(h["market_value"], 15, 2) + text(h["currency"], 3, codec)
                  + zoned_unsigned(h["as_of_date"].replace("-", ""), 8, codec), codec)


def trailer(count, hash_total, codec):
    return record("T", binary(count, 4) + packed(hash_total, 17, 2), codec)


def holdings(n, as_of, seed):
    rng = random.Random(seed)
    for i in range(n):
        quantity = Decimal(rng.randrange(1, 10_000_000)) / 100
        price = Decimal(rng.randrange(100, 500_000)) / 100
        value = (quantity * price).quantize(Decimal("0.01"))
        if i % 97 == 96:
            value = -value  # a short position now and then
        yield {"account_id": f"ACC{i // 3:07d}", "bucket_id": BUCKETS[i % len(BUCKETS)],
               "security_id": SECURITIES[i % 3 + (i // 3) % 7], "quantity": f"{quantity:.4f}",
               "market_value": f"{value:.2f}", "currency": CURRENCIES[(i // 3) % len(CURRENCIES)], "as_of_date": as_of}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=8, help="detail records")
    parser.add_argument("--out", required=True)
    parser.add_argument("--csv", help="also write the same rows as CSV here")
    parser.add_argument("--code-page", default="cp037", choices=["cp037", "cp500", "cp273"])
    parser.add_argument("--as-of", default="2026-11-25")
    parser.add_argument("--run-date", default="20261126")
    parser.add_argument("--seed", type=int, default=25)
    args = parser.parse_args()
    codec = args.code_page
    columns = ["account_id", "bucket_id", "security_id", "quantity", "market_value", "currency", "as_of_date", "source"]
    total = Decimal(0)
    csv = open(args.csv, "w", buffering=1 << 20) if args.csv else None
    with open(args.out, "wb", buffering=1 << 20) as out:
        out.write(header(args.run_date, codec))
        if csv:
            csv.write(",".join(columns) + "\n")
        for h in holdings(args.records, args.as_of, args.seed):
            out.write(detail(h, codec))
            total += Decimal(h["market_value"])
            if csv:
                csv.write(",".join([h[c] for c in columns[:-1]] + ["TACT"]) + "\n")
        out.write(trailer(args.records, total, codec))
    if csv:
        csv.close()
    print(f"{args.out}: {args.records} detail records, hash total {total}, {(args.records + 2) * RECORD} bytes ({codec})")


if __name__ == "__main__":
    main()
