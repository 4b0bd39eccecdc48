"""EMR ListClusters with boto3 against the sandbox endpoint ($AWS_ENDPOINT_URL_EMR): one client,
reused for N calls (argument, default 1), as a long-lived Python tool would."""
import os
import sys

import boto3

calls = int(sys.argv[1]) if len(sys.argv) > 1 else 1
client = boto3.client("emr", endpoint_url=os.environ["AWS_ENDPOINT_URL_EMR"], region_name="us-east-1")
for _ in range(calls):
    clusters = client.list_clusters()["Clusters"]
print(len(clusters))
