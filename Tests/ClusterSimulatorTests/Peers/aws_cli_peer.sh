#!/bin/sh
# The real aws CLI against the simulator. $1 = endpoint, $2 = cluster id
set -eu
E="$1"; C="$2"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_PAGER=""
a() { command "${AWS_CLI:-aws}" --endpoint-url "$E" --region us-east-1 --output json emr "$@"; }
a list-clusters --active | grep -q "$C"
a describe-cluster --cluster-id "$C" | grep -q '"sparkdeploy:yarn-url"'
S=$(a add-steps --cluster-id "$C" --steps "Type=Spark,Name=Aggregator,ActionOnFailure=CONTINUE,Args=[--deploy-mode,cluster,--name,Aggregator,--class,com.acme.Aggregator,s3://b/agg.jar]" | python3 -c 'import json,sys;print(json.load(sys.stdin)["StepIds"][0])')
a list-steps --cluster-id "$C" | grep -q "$S"
a describe-step --cluster-id "$C" --step-id "$S" | grep -q '"command-runner.jar"'
a cancel-steps --cluster-id "$C" --step-ids "$S" | grep -q '"SUBMITTED"'
a terminate-clusters --cluster-ids "$C"
echo "OK $S"
