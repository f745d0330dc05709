#!/usr/bin/env python3
"""The hostile corpus: small files are committed under reliability/corpus/ (this script wrote them:
`python3 reliability/corpus.py` rewrites them), big ones are generated at run time by `generate_big`.
What each should end as is declared in reliability/corpus/manifest.csv, not here.
"""
import gzip
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
A = "bucket_id,security_id,weight,effective_date,source,currency,asset_class"
B = "bucket_id,attribute,value,source"


def arow(n, weight="25.5", date="2026-11-25", source="CUSTODIAN", bucket=None, security=None):
    return f"{bucket or f'CORPUS-{n:02d}'},{security or f'SEC{n:02d}A'},{weight},{date},{source},USD,EQUITY"


def alloc(n, *rows, weight=None):
    """A header and rows; `weight` alone gives the classic one-row file whose only value under test is the weight."""
    if weight is not None:
        rows = (arow(n, weight=weight),)
    return (A + "\n" + "\n".join(rows) + "\n").encode()


def attrs(*rows):
    return (B + "\n" + "\n".join(rows) + "\n").encode()


def small_files():
    good = [arow(1, security="SEC01A"), arow(1, security="SEC01B", weight="74.5", source="PM_DESK")]
    rows200 = [arow(55, security=f"S55X{i:04d}", weight=f"{i % 100}.5") for i in range(200)]
    rows200[137] = arow(55, security="S55X0137", weight="not-a-number")
    files = {
        # encodings and byte order marks
        "allocations/utf8-bom.csv": b"\xef\xbb\xbf" + alloc(1, *good),
        "allocations/utf16le-bom.csv": (A + "\n" + arow(2) + "\n").encode("utf-16"),
        "allocations/utf16be-bom.csv": b"\xfe\xff" + (A + "\n" + arow(3) + "\n").encode("utf-16-be"),
        "allocations/latin1.csv": (A + "\n" + arow(4, source="CUSTODIAN") + "\n" + arow(4, security="SEC04B", source="VENDOR\xe9") + "\n").encode("latin-1"),
        "bucket-attributes/utf8-multibyte-values.csv": attrs("CORPUS-05,note,Zürich – 東京 – 😀,PM_DESK", "CORPUS-05,hasEtf,true,PM_DESK"),
        "allocations/bom-twice.csv": b"\xef\xbb\xbf\xef\xbb\xbf" + alloc(6, arow(6)),
        "allocations/bom-mid-file.csv": alloc(7, arow(7), "\ufeff" + arow(7, security="SEC07B")),
        # quoting
        "allocations/all-fields-quoted.csv": ("\n".join(",".join(f'"{v}"' for v in line.split(",")) for line in [A, arow(8), arow(8, security="SEC08B")]) + "\n").encode(),
        "bucket-attributes/quoted-newline-in-value.csv": attrs('CORPUS-09,note,"first line\nsecond line, with a comma",PM_DESK'),
        "bucket-attributes/escaped-quotes.csv": attrs('CORPUS-10,note,"he said ""hold"" twice",PM_DESK'),
        "allocations/quote-inside-unquoted-field.csv": alloc(11, arow(11, security='SEC1"1A')),
        "allocations/text-after-closing-quote.csv": alloc(12, '"CORPUS-12"x,SEC12A,25.5,2026-11-25,CUSTODIAN,USD,EQUITY'),
        "allocations/unterminated-quote-small.csv": alloc(13, arow(13), 'CORPUS-13,"SEC13B,25.5,2026-11-25,CUSTODIAN,USD,EQUITY'),
        # numbers at the limits of their types
        "bucket-attributes/drift-1e-999999999.csv": attrs("CORPUS-14,driftTolerance,1E-999999999,RISK"),
        "allocations/weight-1e-999999999.csv": alloc(15, weight="1E-999999999"),
        "allocations/weight-1e+999999999.csv": alloc(16, weight="1E+999999999"),
        "bucket-attributes/drift-1e+999999999.csv": attrs("CORPUS-17,driftTolerance,1E+999999999,RISK"),
        "bucket-attributes/drift-1e-30.csv": attrs("CORPUS-18,driftTolerance,1E-30,RISK"),
        "bucket-attributes/drift-39-decimal-places.csv": attrs("CORPUS-19,driftTolerance,0." + "0" * 38 + "1,RISK"),
        "allocations/weight-39-digits.csv": alloc(20, weight="123456789012345678901234567890123456789"),
        "bucket-attributes/drift-39-digits.csv": attrs("CORPUS-21,driftTolerance,123456789012345678901234567890123456789,RISK"),
        "allocations/weight-negative-zero.csv": alloc(22, weight="-0"),
        "allocations/weight-nan.csv": alloc(23, weight="NaN"),
        "allocations/weight-infinity.csv": alloc(24, arow(24, weight="Infinity"), arow(24, security="SEC24B", weight="-Infinity")),
        "allocations/weight-written-in-150-characters.csv": alloc(25, weight="0" * 147 + "1.5"),
        "allocations/weight-hex.csv": alloc(26, weight="0x1A"),
        "allocations/weight-decimal-comma.csv": alloc(27, weight="25,5"),
        "allocations/weight-bounds.csv": alloc(28, arow(28, weight="0"), arow(28, security="SEC28B", weight="100"),
                                              arow(28, security="SEC28C", weight="99.999999")),
        # dates
        "allocations/date-+999999999-12-31.csv": alloc(29, arow(29, date="+999999999-12-31")),
        "allocations/date-+10000-01-01.csv": alloc(30, arow(30, date="+10000-01-01")),
        "allocations/date-february-30.csv": alloc(31, arow(31, date="2026-02-30")),
        "allocations/date-day-first.csv": alloc(32, arow(32, date="25/11/2026")),
        "allocations/date-year-0000.csv": alloc(33, arow(33, date="0000-01-01")),
        # formulas
        "bucket-attributes/formula-values.csv": attrs("CORPUS-34,note1,=cmd|' /C calc'!A0,PM_DESK", "CORPUS-34,note2,+1+1,PM_DESK",
                                                      "CORPUS-34,note3,-2+3,PM_DESK", "CORPUS-34,note4,@SUM(1;2),PM_DESK"),
        "allocations/formula-in-key.csv": alloc(35, arow(35, bucket='=HYPERLINK("http://x")')),
        # compressed, binary, NUL
        "allocations/gzip-named-csv.csv": gzip.compress(alloc(36, arow(36)), mtime=0),
        "allocations/nul-byte.csv": alloc(37, arow(37, source="CUSTO\x00DIAN")),
        "allocations/random-binary.csv": random.Random(38).randbytes(4096),
        "allocations/zip-header-named-csv.csv": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + random.Random(39).randbytes(512),
        # structure
        "allocations/header-only.csv": (A + "\n").encode(),
        "allocations/empty.csv": b"",
        "allocations/header-only-no-newline.csv": A.encode(),
        "allocations/mixed-crlf-lf.csv": (A + "\r\n" + arow(43) + "\n" + arow(43, security="SEC43B") + "\r\n" + arow(43, security="SEC43C") + "\n").encode(),
        "allocations/cr-only-line-endings.csv": (A + "\r" + arow(44) + "\r" + arow(44, security="SEC44B") + "\r").encode(),
        "allocations/semicolon-delimiter.csv": (A.replace(",", ";") + "\n" + arow(45).replace(",", ";") + "\n").encode(),
        "allocations/tab-delimiter.csv": (A.replace(",", "\t") + "\n" + arow(46).replace(",", "\t") + "\n").encode(),
        "allocations/header-case-and-spaces.csv": (" Bucket_ID , SECURITY_ID ,Weight,effective_date,source,currency,asset_class\n" + arow(47) + "\n").encode(),
        "allocations/duplicate-column.csv": (A + ",weight\n" + arow(48) + ",30\n").encode(),
        "allocations/unknown-column.csv": (A + ",comment\n" + arow(49) + ",hello\n").encode(),
        "allocations/ragged-rows.csv": alloc(50, arow(50), "CORPUS-50,SEC50B,25.5"),
        "allocations/blank-lines.csv": (A + "\n\n" + arow(51) + "\n\n\n" + arow(51, security="SEC51B") + "\n\n").encode(),
        "allocations/padded-values.csv": alloc(52, "  CORPUS-52 , SEC52A ,  25.5 , 2026-11-25 , CUSTODIAN , USD , EQUITY "),
        "allocations/unknown-source.csv": alloc(53, arow(53, source="SOMEONE_ELSE")),
        "allocations/same-key-twice.csv": alloc(54, arow(54, weight="10"), arow(54, weight="20")),
        "allocations/one-bad-row-in-200.csv": alloc(55, *rows200),
        "bucket-attributes/value-of-1025-characters.csv": attrs("CORPUS-56,note," + "x" * 1025 + ",PM_DESK"),
        "no-such-feed/unknown-prefix.csv": alloc(57, arow(57)),
    }
    return files


MESSAGES = {
    "messages/truncated-json.json": '{"marker":"m-truncated","Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"na',
    "messages/not-an-object.json": '["m-array", 1, 2, 3]',
    "messages/records-not-an-array.json": '{"marker":"m-records-object","Records":{"eventName":"ObjectCreated:Put"}}',
    "messages/record-without-key.json": '{"marker":"m-no-key","Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"{bucket}"},"object":{}}}]}',
    "messages/s3-test-event.json": '{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-25T10:00:00.000Z","Bucket":"{bucket}","RequestId":"m-test-event","HostId":"x"}',
    "messages/other-bucket.json": '{"marker":"m-other-bucket","Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"somebody-elses-bucket"},"object":{"key":"incoming/allocations/theirs.csv","eTag":"abc"}}}]}',
    "messages/other-existing-bucket.json": '{"marker":"m-foreign","Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"{other_bucket}"},"object":{"key":"incoming/allocations/foreign-{run}.csv","eTag":"abc"}}}]}',
    "messages/missing-object.json": '{"marker":"m-missing","Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"{bucket}"},"object":{"key":"incoming/allocations/never-uploaded-{run}.csv","eTag":"0123"}}}]}',
    "messages/object-removed-event.json": '{"marker":"m-removed","Records":[{"eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"{bucket}"},"object":{"key":"incoming/allocations/gone.csv"}}}]}',
    "messages/sns-envelope-with-garbage.json": '{"Type":"Notification","MessageId":"m-sns-garbage","Message":"this is not an S3 event"}',
}


def generated_messages():
    """Messages too big to commit: one over the 256 KiB SQS limit, one just under it."""
    pad = "x" * 300_000
    return {
        "messages/oversize-300kb.json": '{"marker":"m-oversize","pad":"' + pad + '"}',
        "messages/just-under-256kib.json": '{"marker":"m-near-limit","pad":"' + pad[:250_000] + '"}',
    }


def generate_big(name, path):
    """Writes the run-time file `name` of the manifest to `path`; False when there is no such generator."""
    with open(path, "wb") as f:
        if name == "allocations/field-2mb.csv":
            f.write((A + "\n").encode())
            f.write(b'CORPUS-58,SEC58A,25.5,2026-11-25,"' + b"y" * (2 * 1024 * 1024) + b'",USD,EQUITY\n')
        elif name == "allocations/line-5mb.csv":
            f.write((A + "\n").encode())
            f.write(b"CORPUS-59,SEC59A,25.5,2026-11-25,CUSTODIAN,USD," + b"E" * (5 * 1024 * 1024) + b"\n")
        elif name == "allocations/unterminated-quote-then-50mb.csv":
            f.write((A + "\n" + arow(60) + "\n").encode())
            f.write(b'CORPUS-60,"SEC60B,25.5,2026-11-25,CUSTODIAN,USD,EQUITY\n')
            line = (arow(60, security="SEC60C") + "\n").encode()
            f.write(line * (50 * 1024 * 1024 // len(line)))
        elif name == "allocations/many-rows-1-in-50-bad.csv":
            f.write((A + "\n").encode())
            for i in range(50_000):
                f.write((arow(61, security=f"S61X{i:06d}", weight="oops" if i % 50 == 0 else "1.5") + "\n").encode())
        else:
            return False
    return True


if __name__ == "__main__":
    for name, data in small_files().items():
        path = os.path.join(CORPUS, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    for name, text in MESSAGES.items():
        path = os.path.join(CORPUS, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    print(f"{len(small_files())} files and {len(MESSAGES)} messages written under {CORPUS}")
