#!/usr/bin/env bash
# The redeploy a team would script by hand, against a sandbox: find the cluster, find the app id by
# name, PUT kill, poll its state, add the Spark step, poll the step, poll YARN for the new app
# RUNNING. Bounded loops; no rollback, no ambiguity checks, no lock (that is the point: it does
# less than `sparkdeploy run redeploy-streaming`, never more).
#
# EMR_CLIENT picks how the EMR calls are made, the rest is identical:
#   aws   the aws CLI (one Python process per call, as such scripts do)
#   curl  curl --aws-sigv4 with JSON bodies and jq (the fastest way a shell script can sign a call)
#
# usage: EMR_CLIENT=aws|curl redeploy-pipeline.sh CLUSTER_NAME APP JAR CLASS
#        (needs AWS_ENDPOINT_URL_EMR, SPARKDEPLOY_YARN_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)
set -euo pipefail
cluster_name=$1 app=$2 jar=$3 class=$4
emr=${AWS_ENDPOINT_URL_EMR:?} rm=${SPARKDEPLOY_YARN_URL%%,*}
poll=${POLL_SECONDS:-0.25}
client=${EMR_CLIENT:-aws}
region=${AWS_DEFAULT_REGION:-us-east-1}

aws_emr() { aws emr --endpoint-url "$emr" --region "$region" "$@"; }
# emr_json TARGET BODY: one signed EMR JSON 1.1 call with curl.
emr_json() {
  curl -sf --aws-sigv4 "aws:amz:$region:elasticmapreduce" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
    -H "X-Amz-Target: ElasticMapReduce.$1" -H 'Content-Type: application/x-amz-json-1.1' -d "$2" "$emr/"
}

find_cluster() {
  if [ "$client" = curl ]; then
    emr_json ListClusters '{"ClusterStates":["STARTING","BOOTSTRAPPING","RUNNING","WAITING"]}' |
      jq -r --arg n "$cluster_name" '[.Clusters[] | select(.Name == $n) | .Id] | first // empty'
  else
    aws_emr list-clusters --active --query "Clusters[?Name=='$cluster_name'].Id" --output text
  fi
}
add_step() {
  if [ "$client" = curl ]; then
    emr_json AddJobFlowSteps "$(jq -cn --arg c "$cluster_id" --arg n "$app" --arg k "$class" --arg j "$jar" \
      '{JobFlowId: $c, Steps: [{Name: $n, ActionOnFailure: "CONTINUE", HadoopJarStep: {Jar: "command-runner.jar",
        Args: ["spark-submit", "--deploy-mode", "cluster", "--name", $n, "--class", $k, $j]}}]}')" | jq -r '.StepIds[0]'
  else
    aws_emr add-steps --cluster-id "$cluster_id" --output text --query 'StepIds[0]' \
      --steps "Type=Spark,Name=$app,ActionOnFailure=CONTINUE,Args=[--deploy-mode,cluster,--name,$app,--class,$class,$jar]"
  fi
}
step_state() {
  if [ "$client" = curl ]; then
    emr_json DescribeStep "{\"ClusterId\":\"$cluster_id\",\"StepId\":\"$step_id\"}" | jq -r '.Step.Status.State'
  else
    aws_emr describe-step --cluster-id "$cluster_id" --step-id "$step_id" --query 'Step.Status.State' --output text
  fi
}

cluster_id=$(find_cluster)
[ -n "$cluster_id" ] || { echo "no active cluster named $cluster_name" >&2; exit 1; }

old_id=$(curl -sf "$rm/ws/v1/cluster/apps?states=ACCEPTED,RUNNING&name=$app" |
  jq -r --arg n "$app" '.apps.app[]? | select(.name == $n) | .id' | head -n 1)
if [ -n "$old_id" ]; then
  curl -sf -X PUT -H 'Content-Type: application/json' -d '{"state":"KILLED"}' \
    "$rm/ws/v1/cluster/apps/$old_id/state" > /dev/null
  for _ in $(seq 1 600); do
    state=$(curl -sf "$rm/ws/v1/cluster/apps/$old_id/state" | jq -r .state)
    case $state in KILLED|FINISHED|FAILED) break ;; esac
    sleep "$poll"
  done
  case $state in KILLED|FINISHED|FAILED) ;; *) echo "kill of $old_id did not finish ($state)" >&2; exit 1 ;; esac
fi

step_id=$(add_step)
for _ in $(seq 1 600); do
  s=$(step_state)
  case $s in RUNNING|COMPLETED) break ;; FAILED|CANCELLED|INTERRUPTED) echo "step $step_id $s" >&2; exit 1 ;; esac
  sleep "$poll"
done

for _ in $(seq 1 600); do
  new_id=$(curl -sf "$rm/ws/v1/cluster/apps?states=RUNNING&name=$app" |
    jq -r --arg n "$app" --arg old "$old_id" '.apps.app[]? | select(.name == $n and .id != $old) | .id' | head -n 1)
  [ -n "$new_id" ] && { echo "$new_id"; exit 0; }
  sleep "$poll"
done
echo "new $app never reached RUNNING" >&2
exit 1
