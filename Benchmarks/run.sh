#!/usr/bin/env bash
# SparkDeploy benchmarks, one command: builds release binaries, starts its own loopback sandboxes,
# measures start-up, one EMR call (cold and warm), Lua↔Swift bridge overhead, find-by-name on big
# clusters, waiter detection latency, a whole redeploy and a 20-target fan-out, each side by side with
# the best fair peer doing the same work, then writes Benchmarks/results/latest.md,
# raw JSON under Benchmarks/results/raw/ and PNG plots. Only 127.0.0.1 traffic.
#
# usage: Benchmarks/run.sh [--quick] [--no-build] [--sections 1,2,…]
#   --quick        fewer runs and trials, for a smoke test
#   --no-build     use the release binaries already in .build (when another engineer holds the build lock)
#   --sections L   run only these sections (the report keeps the other sections' previous raw results)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/Benchmarks
RAW=$B/results/raw
mkdir -p "$RAW"
RUNS=15 WARMUP=3 TRIALS=30 BIG_RUNS=10 BUILD=1 SECTIONS=1,2,3,4,5,6,7
while [ $# -gt 0 ]; do
  case $1 in
    --quick) RUNS=3 WARMUP=1 TRIALS=4 BIG_RUNS=2 ;;
    --no-build) BUILD=0 ;;
    --sections) SECTIONS=${2:?--sections needs a list such as 1,3}; shift ;;
    *) echo "usage: $0 [--quick] [--no-build] [--sections 1,2,…]" >&2; exit 2 ;;
  esac
  shift
done
want() { [[ ",$SECTIONS," == *",$1,"* ]]; }

log() { printf '\n== %s\n' "$*" >&2; }

# ---- tools ------------------------------------------------------------------------------------
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
command -v jq >/dev/null || need_apt+=(jq)
command -v lua5.4 >/dev/null || need_apt+=(lua5.4)
command -v curl >/dev/null || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"; fi
# Python peers (aws CLI, boto3, yarn-api-client) and matplotlib live in the project virtualenv, never
# in the system Python (Debian's PEP 668 refuses that): bootstrap creates .venv/ when missing.
peers_ok() {
  local missing
  [ -x "$ROOT/.venv/bin/python" ] && missing=$("$ROOT/.venv/bin/python" "$ROOT/scripts/peers.py" requirements) && [ -z "$missing" ]
}
peers_ok || "$ROOT/scripts/bootstrap.sh" --with-peers >&2
"$ROOT/.venv/bin/python" -c 'import matplotlib' 2>/dev/null || "$ROOT/.venv/bin/python" -m pip install -q matplotlib >&2
export PATH="$ROOT/.venv/bin:$PATH"
for tool in aws curl python3; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 1; }; done

# ---- build ------------------------------------------------------------------------------------
log "release build"
# The same compiler flags as the release binary (scripts/release-flags.sh), for the product and the micro-benchmarks.
source "$ROOT/scripts/release-flags.sh"
if [ "$BUILD" = 1 ]; then
  # The shipped binary links the Swift runtime and Foundation statically: ~10 ms less start-up
  # (no dynamic loading of 27 shared objects and their relocations), measured in section 1.
  swift build -c release --static-swift-stdlib "${RELEASE_SWIFT_FLAGS[@]}" --product sparkdeploy >&2
  # The micro-benchmarks are a package of their own (Benchmarks/Micro), on the product's libraries.
  swift build -c release --static-swift-stdlib "${RELEASE_SWIFT_FLAGS[@]}" --package-path Benchmarks/Micro >&2
  # The self-contained release binary CI runners get (Lua linked in too, stripped): start-up row 1b.
  want 1 && "$ROOT/scripts/build-release.sh" >&2
fi
BIN=$(swift build -c release --static-swift-stdlib "${RELEASE_SWIFT_FLAGS[@]}" --show-bin-path)/sparkdeploy
BENCH=$(swift build -c release --static-swift-stdlib "${RELEASE_SWIFT_FLAGS[@]}" --package-path Benchmarks/Micro --show-bin-path)/sparkdeploy-bench

# ---- sandboxes (own processes, stopped on exit) -----------------------------------------------
SANDBOX_PIDS=()
cleanup() { for pid in "${SANDBOX_PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() {  # a free port P such that P+1 is free too (EMR on P, RM on P+1)
  python3 - <<'PY'
import socket
for _ in range(50):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close()
    try:
        t = socket.socket(); t.bind(("127.0.0.1", p + 1)); t.close(); print(p); break
    except OSError:
        pass
PY
}

# start_sandbox SCENARIO → exports AWS_ENDPOINT_URL_EMR, SPARKDEPLOY_YARN_URL…; sets SANDBOX_PID
start_sandbox() {
  local scenario=$1 port out
  port=$(free_port)
  out=$(mktemp)
  "$BIN" sandbox --port "$port" --scenario "$scenario" > "$out" 2>&1 &
  SANDBOX_PID=$!
  SANDBOX_PIDS+=("$SANDBOX_PID")
  for _ in $(seq 1 600); do
    grep -q 'sandbox serving' "$out" && break
    kill -0 "$SANDBOX_PID" 2>/dev/null || { cat "$out" >&2; return 1; }
    sleep 0.1
  done
  grep -q 'sandbox serving' "$out" || { echo "sandbox $scenario did not start" >&2; cat "$out" >&2; return 1; }
  eval "$(grep '^export ' "$out")"
  RM=${SPARKDEPLOY_YARN_URL%%,*}
  rm -f "$out"
}
stop_sandbox() { kill "$SANDBOX_PID" 2>/dev/null || true; wait "$SANDBOX_PID" 2>/dev/null || true; }

hf() {  # hf NAME [hyperfine args…]   (HF_RUNS overrides RUNS for one call)
  local name=$1; shift
  hyperfine --style basic --warmup "$WARMUP" --runs "${HF_RUNS:-$RUNS}" --export-json "$RAW/$name.json" "$@" >&2
}

# peak_rss NAME LABEL CMD… : max RSS (KiB) of CMD over 3 runs, appended as JSON lines
peak_rss() {
  local name=$1 label=$2; shift 2
  local best=0 kb
  for _ in 1 2 3; do
    /usr/bin/time -v -o "$RAW/.time.txt" "$@" > /dev/null 2>&1 || true
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$RAW/.time.txt")
    kb=${kb:-0}
    [ "$kb" -gt "$best" ] && best=$kb
  done
  printf '{"label": "%s", "max_rss_kib": %s}\n' "$label" "$best" >> "$RAW/$name.rss.jsonl"
}

printf '{"loadavg_start": "%s", "date": "%s", "cores": %s, "cpu": "%s", "sparkdeploy": "%s", "binary_built": "%s", "lua": "%s", "aws": "%s", "quick": %s}\n' \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
  "$(git rev-parse --short HEAD 2>/dev/null || echo "${SPARKDEPLOY_BENCH_COMMIT:-unknown}")" "$(date -u -r "$BIN" +%Y-%m-%dT%H:%MZ)" "$(lua5.4 -v 2>&1)" "$(aws --version 2>&1)" \
  "$([ "$RUNS" = 3 ] && echo true || echo false)" > "$RAW/machine.json"
[ -x "$BIN" ] && [ -x "$BENCH" ] || { echo "release binaries missing: run without --no-build" >&2; exit 1; }

# ---- 1. start-up ------------------------------------------------------------------------------
if want 1; then
log "1. start-up"
hf startup -N \
  -n "sparkdeploy exec -e 'return 1'" "$BIN exec -e 'return 1'" \
  -n "lua5.4 -e 'return 1'" "lua5.4 -e 'return 1'" \
  -n "aws --version" "aws --version"
rm -f "$RAW/startup.rss.jsonl"
peak_rss startup "sparkdeploy exec -e 'return 1'" "$BIN" exec -e 'return 1'
# 1b. The release binary from scripts/build-release.sh (issue 18: ≤ 5× lua5.4), in one hyperfine run of
# its own with many short runs, and its size.
DIST=$ROOT/dist/sparkdeploy
if [ -x "$DIST" ]; then
  WARMUP=20 HF_RUNS=$([ "$RUNS" = 3 ] && echo 30 || echo 300) hf startup-dist -N \
    -n "dist/sparkdeploy exec -e 'return 1'" "$DIST exec -e 'return 1'" \
    -n "lua5.4 -e 'return 1'" "lua5.4 -e 'return 1'"
  printf '{"bytes": %s, "version": "%s"}\n' "$(stat -c %s "$DIST")" "$("$DIST" --version)" > "$RAW/startup-dist.size.json"
else
  rm -f "$RAW/startup-dist.json" "$RAW/startup-dist.size.json"
  echo "no dist/sparkdeploy: run scripts/build-release.sh (or Benchmarks/run.sh without --no-build)" >&2
fi
fi

# ---- 2. one EMR call: cold (one process, start-up counted on every side) and warm (N in one process)
if want 2; then
log "2. one EMR call"
start_sandbox standard
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_DEFAULT_REGION AWS_ENDPOINT_URL_EMR SPARKDEPLOY_YARN_URL
hf api-call -N \
  -n "sparkdeploy exec -e 'emr.clusters()'" "$BIN exec -e 'emr.clusters()'" \
  -n "aws emr list-clusters" "aws emr list-clusters --endpoint-url $AWS_ENDPOINT_URL_EMR --region us-east-1" \
  -n "python3 boto3 list_clusters" "python3 $B/scripts/boto3_list_clusters.py 1"
# Warm: the same call 1 and 201 times in one process; (t201 - t1) / 200 is one call with start-up
# subtracted on both sides (sparkdeploy reuses its connection, boto3 its client and session).
hf api-call-warm -N \
  -n "sparkdeploy 1 call" "$BIN exec -e 'emr.clusters()'" \
  -n "sparkdeploy 201 calls" "$BIN exec -e 'for i = 1, 201 do emr.clusters() end'" \
  -n "boto3 1 call" "python3 $B/scripts/boto3_list_clusters.py 1" \
  -n "boto3 201 calls" "python3 $B/scripts/boto3_list_clusters.py 201"
stop_sandbox
fi

# ---- 3. bridge overhead -----------------------------------------------------------------------
if want 3; then
log "3. bridge overhead"
"$BENCH" bridge --calls 1000000 --repeats 15 --out "$RAW/bridge.json"
# Redaction throughput, MB/s on one core (every log line and error pays it; target >= 100 MB/s).
"$BENCH" redact --mb 32 --repeats 5 --out "$RAW/redaction.json"
# Instructions per loop iteration (callgrind; deterministic where wall time on a shared VM is not):
# (instructions at 200k calls - at 100k calls) / 100k, so start-up cancels out. valgrind cannot read
# Swift's DWARF, hence the copy without debug info.
if command -v valgrind >/dev/null; then
  strip --strip-debug -o "$RAW/../bench-nodebug" "$BENCH"
  {
    for v in empty_loop math_abs_local host_noop_local host_noop_list_local math_abs_field host_noop_field host_noarg_local; do
      ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$RAW/../bench-nodebug" bridge --calls "$1" --repeats 1 --only $v 2>&1 >/dev/null \
             | awk '/Collected/ {print $4}'; }
      a=$(ir 100000); b=$(ir 200000)
      printf '{"variant":"%s","instructions":%d}\n' "$v" $(( (b - a) / 100000 ))
    done
  } > "$RAW/bridge-instructions.jsonl"
  rm -f "$RAW/../bench-nodebug"
fi
fi

# ---- 4. big cluster: find one app by name -----------------------------------------------------
if want 4; then
log "4. big cluster"
rm -f "$RAW"/big-*.rss.jsonl "$RAW/big-sizes.jsonl"
big() {  # big TAG SCENARIO COUNT
  local tag=$1 scenario=$2 count=$3 name
  name="etl-batch-$((count / 2 + 7))"
  start_sandbox "$scenario"
  local full filtered
  full=$(curl -s "$RM/ws/v1/cluster/apps" | wc -c)
  filtered=$(curl -s "$RM/ws/v1/cluster/apps?name=$name" | wc -c)
  local expect got
  expect=$(curl -s "$RM/ws/v1/cluster/apps" | jq -r --arg n "$name" '.apps.app[] | select(.name==$n) | .id')
  got=$("$BIN" exec -e "print(yarn.find_app{name='$name'}.id)" 2>&1 | tail -n 1)
  printf '{"tag": "%s", "count": %s, "name": "%s", "payload_bytes": %s, "filtered_payload_bytes": %s, "expected_id": "%s", "sparkdeploy_id": "%s"}\n' \
    "$tag" "$count" "$name" "$full" "$filtered" "$expect" "$got" >> "$RAW/big-sizes.jsonl"
  # The same query sparkdeploy sends (-vv shows it): ?name= and deSelects. A Hadoop 2 RM ignores both
  # and answers the whole list to every client alike.
  local query="name=$name&deSelects=resourceRequests,timeouts,resourceInfo"
  RUNS=$BIG_RUNS hf "big-$tag" \
    -n "sparkdeploy yarn.find_app" "$BIN exec -e \"print(yarn.find_app{name='$name'}.id)\"" \
    -n "curl ?name= | jq" "curl -s '$RM/ws/v1/cluster/apps?$query' | jq -r '.apps.app[]? | select(.name==\"$name\") | .id'" \
    -n "curl | jq select" "curl -s $RM/ws/v1/cluster/apps | jq -r '.apps.app[] | select(.name==\"$name\") | .id'" \
    -n "python3 yarn-api-client" "python3 $B/scripts/yarn_api_client_find.py $name"
  peak_rss "big-$tag" "sparkdeploy yarn.find_app" "$BIN" exec -e "print(yarn.find_app{name='$name'}.id)"
  peak_rss "big-$tag" "curl ?name= | jq (largest process)" bash -c "curl -s '$RM/ws/v1/cluster/apps?$query' | jq -r '.apps.app[]? | select(.name==\"$name\") | .id'"
  peak_rss "big-$tag" "curl | jq select (largest process)" bash -c "curl -s $RM/ws/v1/cluster/apps | jq -r '.apps.app[] | select(.name==\"$name\") | .id'"
  peak_rss "big-$tag" "python3 yarn-api-client" python3 "$B/scripts/yarn_api_client_find.py" "$name"
  stop_sandbox
}
big large-cluster large-cluster 20000
for n in 1000 5000 20000; do big "h2-$n" "$B/scenarios/apps-$n-hadoop2.json" "$n"; done
fi

# ---- 5. detection latency ---------------------------------------------------------------------
if want 5; then
log "5. detection latency (≈ 45 s)"
"$BENCH" detect --trials "$TRIALS" --out "$RAW/detect.json"
fi

# ---- 6. whole redeploy, zero simulated delays -------------------------------------------------
if want 6; then
log "6. redeploy"
# progress=false: the pipeline it is compared with checks RUNNING only, not Spark batches (the progress gate
# waits for 2 micro-batches: 2 × 2 simulated seconds, real seconds on a rate-1 sandbox), so neither side does.
REDEPLOY_ARGS=(-p cluster=streaming-prod -p app=Aggregator -p jar=s3://b/a-2.jar -p class=com.acme.Aggregator -p settle=0 -p progress=false)
PIPELINE="$B/scripts/redeploy-pipeline.sh streaming-prod Aggregator s3://b/a-2.jar com.acme.Aggregator"
if "$BIN" run redeploy-streaming --sandbox --scenario "$B/scenarios/zero-delays.json" "${REDEPLOY_ARGS[@]}" \
     > "$RAW/redeploy-probe.log" 2>&1; then
  echo '{"recipe_green": true}' > "$RAW/redeploy.meta.json"
else
  echo "{\"recipe_green\": false, \"exit\": $?}" > "$RAW/redeploy.meta.json"
fi
start_sandbox "$B/scenarios/zero-delays.json"
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_DEFAULT_REGION AWS_ENDPOINT_URL_EMR SPARKDEPLOY_YARN_URL
# One standalone sandbox for all three: the same cluster, the same app, the same poll interval.
hf redeploy \
  -n "sparkdeploy run redeploy-streaming" "$BIN run redeploy-streaming ${REDEPLOY_ARGS[*]}" \
  -n "pipeline, EMR via curl --aws-sigv4" "EMR_CLIENT=curl $PIPELINE" \
  -n "pipeline, EMR via aws CLI" "EMR_CLIENT=aws $PIPELINE"
stop_sandbox
fi

# ---- 7. fan-out: 20 apps on 20 clusters from one invocation ----------------------------------
if want 7; then
log "7. fan-out"
for n in 1 20; do
  python3 -c "import json,sys; print(json.dumps([{'cluster': 'streaming-%02d' % i, 'app': 'App%02d' % i} for i in range($n)]))" \
    > "$RAW/fleet-$n.json"
done
# progress=false in the zero-delay rows as in section 6 (the gate's batch wait is simulated time, not the tool's CPU).
FLEET_ARGS=(-p jar=s3://b/fleet-2.jar -p class=com.acme.Job --log-format plain -q)
# (a) standard simulated delays at 30x (a redeploy waits ~70 simulated seconds: kill, start, hold 60 s)
# xargs -P 20 is the shell's fan-out: 20 processes, one target each (each with its own in-process sandbox).
XARGS="seq -w 0 19 | xargs -P 20 -I{} $BIN run redeploy-streaming --sandbox -p cluster=streaming-{} -p app=App{}"
HF_RUNS=$(( RUNS < 5 ? RUNS : 5 )) hf fanout-standard \
  -n "1 target (standard delays, 30x)" "$BIN run redeploy-streaming --sandbox --targets $RAW/fleet-1.json ${FLEET_ARGS[*]}" \
  -n "20 targets (standard delays, 30x)" "$BIN run redeploy-streaming --sandbox --targets $RAW/fleet-20.json ${FLEET_ARGS[*]}" \
  -n "xargs -P 20, one target each (standard delays, 30x)" "$XARGS ${FLEET_ARGS[*]}"
# (b) zero simulated delays, settle=0: nothing to wait for, so this measures the tool's own CPU per target
hf fanout-zero \
  -n "1 target (zero delays)" "$BIN run redeploy-streaming --sandbox --scenario $B/scenarios/zero-delays.json --targets $RAW/fleet-1.json -p settle=0 -p progress=false ${FLEET_ARGS[*]}" \
  -n "20 targets (zero delays)" "$BIN run redeploy-streaming --sandbox --scenario $B/scenarios/zero-delays.json --targets $RAW/fleet-20.json -p settle=0 -p progress=false ${FLEET_ARGS[*]}" \
  -n "xargs -P 20, one target each (zero delays)" "$XARGS --scenario $B/scenarios/zero-delays.json -p settle=0 -p progress=false ${FLEET_ARGS[*]}"
fi

# ---- report -----------------------------------------------------------------------------------
log "report"
cut -d' ' -f1-3 /proc/loadavg > "$RAW/loadavg-end.txt"
"$ROOT/.venv/bin/python" "$B/scripts/report.py" "$B/results"
echo "wrote $B/results/latest.md" >&2
