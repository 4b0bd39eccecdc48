#!/usr/bin/env bash
# The redeploy a team would script by hand with curl + jq + the aws CLI, against a sandbox:
# find the app id by name, PUT kill, poll its state, aws emr add-steps, poll the step, poll YARN
# for the new app RUNNING. Bounded loops; no rollback, no ambiguity checks, no lock (that is the point).
#
# usage: redeploy-pipeline.sh CLUSTER_NAME APP JAR CLASS   (needs AWS_ENDPOINT_URL_EMR, SPARKDEPLOY_YARN_URL)
set -euo pipefail
cluster_name=$1 app=$2 jar=$3 class=$4
emr=${AWS_ENDPOINT_URL_EMR:?} rm=${SPARKDEPLOY_YARN_URL%%,*}
poll=${POLL_SECONDS:-0.25}
aws_emr() { aws emr --endpoint-url "$emr" --region us-east-1 "$@"; }

cluster_id=$(aws_emr list-clusters --active --query "Clusters[?Name=='$cluster_name'].Id" --output text)
[ -n "$cluster_id" ] || { echo "no active cluster named $cluster_name" >&2; exit 1; }

old_id=$(curl -sf "$rm/ws/v1/cluster/apps?states=ACCEPTED,RUNNING" |
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

step_id=$(aws_emr add-steps --cluster-id "$cluster_id" --output text --query 'StepIds[0]' \
  --steps "Type=Spark,Name=$app,ActionOnFailure=CONTINUE,Args=[--deploy-mode,cluster,--name,$app,--class,$class,$jar]")
for _ in $(seq 1 600); do
  step_state=$(aws_emr describe-step --cluster-id "$cluster_id" --step-id "$step_id" \
    --query 'Step.Status.State' --output text)
  case $step_state in RUNNING|COMPLETED) break ;; FAILED|CANCELLED|INTERRUPTED) echo "step $step_id $step_state" >&2; exit 1 ;; esac
  sleep "$poll"
done

for _ in $(seq 1 600); do
  new_id=$(curl -sf "$rm/ws/v1/cluster/apps?states=RUNNING" |
    jq -r --arg n "$app" --arg old "$old_id" '.apps.app[]? | select(.name == $n and .id != $old) | .id' | head -n 1)
  [ -n "$new_id" ] && { echo "$new_id"; exit 0; }
  sleep "$poll"
done
echo "new $app never reached RUNNING" >&2
exit 1
