#!/usr/bin/env bash
# The main job on a fresh machine: builds sparkdeploy and redeploys a streaming job on the
# built-in simulator (no AWS, no Hadoop needed).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
swift build -c release --product sparkdeploy
exec .build/release/sparkdeploy "$@"
