"""One EMR ListClusters call with boto3 against the sandbox endpoint ($AWS_ENDPOINT_URL_EMR)."""
import os
import boto3

client = boto3.client("emr", endpoint_url=os.environ["AWS_ENDPOINT_URL_EMR"], region_name="us-east-1")
print(len(client.list_clusters()["Clusters"]))
