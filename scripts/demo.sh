#!/usr/bin/env bash
# The main job on a fresh machine: builds the self-contained release binary dist/sparkdeploy
# (scripts/build-release.sh: the Swift runtime and Lua 5.4 linked in, the shipped recipes and
# scenarios embedded) and redeploys a streaming job on the built-in simulator with it (no AWS,
# no Hadoop needed).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
./scripts/build-release.sh
exec dist/sparkdeploy "$@"
