"""boto3 ListSteps paginator across pages against the simulator. argv: endpoint cluster_id expected_count"""
import sys
import boto3

endpoint, cluster, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
emr = boto3.client("emr", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")
pages = list(emr.get_paginator("list_steps").paginate(ClusterId=cluster))
ids = [s["Id"] for p in pages for s in p["Steps"]]
assert len(pages) >= 2, f"expected several pages, got {len(pages)}"
assert len(ids) == expected == len(set(ids)), (len(ids), expected)
step = emr.describe_step(ClusterId=cluster, StepId=ids[0])["Step"]
assert step["Status"]["Timeline"]["CreationDateTime"].year >= 2020
try:
    emr.describe_cluster(ClusterId="j-DOESNOTEXIST1")
    raise SystemExit("expected InvalidRequestException")
except emr.exceptions.InvalidRequestException as e:
    assert "is not valid" in str(e), str(e)
print(f"OK pages={len(pages)} steps={len(ids)}")
