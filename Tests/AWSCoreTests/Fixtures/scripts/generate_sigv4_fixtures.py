"""Generates missing .creq/.sts files of the SigV4 test-suite fixtures with botocore, and checks that
botocore reproduces every published .creq/.sts/.authz exactly. Run from the sigv4 fixtures folder:
    python3 ../scripts/generate_sigv4_fixtures.py
"""
import datetime, os, sys
from unittest import mock
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

def parse(text):
    head, _, body = text.partition("\n\n")
    lines = head.split("\n")
    method, rest = lines[0].split(" ", 1)
    path = rest.rsplit(" ", 1)[0]
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name, value))
    return method, path, headers, body

failures = 0
for name in sorted(os.listdir(".")):
    req_path = f"{name}/{name}.req"
    if not os.path.exists(req_path):
        continue
    method, path, headers, body = parse(open(req_path, encoding="utf-8").read())
    host = [v for n, v in headers if n.lower() == "host"][0]
    token = next((v for n, v in headers if n.lower() == "x-amz-security-token"), None)
    request = AWSRequest(method=method, url=f"https://{host}{path}", data=body.encode() if body else None)
    for n, v in headers:
        request.headers.add_header(n, v)
    creds = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token)
    signer = botocore.auth.SigV4Auth(creds, "service", "us-east-1")
    fixed = datetime.datetime(2015, 8, 30, 12, 36, 0)
    with mock.patch("botocore.auth.get_current_datetime", return_value=fixed):
        # The stages as add_auth computes them (before the Authorization header is added).
        request.context["timestamp"] = fixed.strftime(botocore.auth.SIGV4_TIMESTAMP)
        signer._modify_request_before_signing(request)
        creq = signer.canonical_request(request)
        sts = signer.string_to_sign(request, creq)
        signer.add_auth(request)
    authz = request.headers["Authorization"]
    for ext, value in (("creq", creq), ("sts", sts), ("authz", authz)):
        p = f"{name}/{name}.{ext}"
        if os.path.exists(p):
            if open(p, encoding="utf-8").read() != value:
                print(f"MISMATCH {p}:\n{value}", file=sys.stderr)
                failures += 1
        else:
            open(p, "w", encoding="utf-8").write(value)
            print(f"generated {p}")
sys.exit(1 if failures else 0)
