#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh --with-peers
# A missing or broken peer (aws CLI, boto3, moto, yarn-api-client, livy, pyspark) fails its tests instead of skipping them.
export SPARKDEPLOY_REQUIRE_PEERS=1
# The matrix and the API generators rewrite docs/reliability.md, docs/lua-api.md and types/; the tests
# fail when the committed copies differ.
# Formatting is checked, not argued about: .swift-format (swift-format ships with the Swift 6 toolchain);
# `swift format format -i -r Sources Tests Benchmarks/Micro/Sources` fixes what this reports.
swift format lint --strict -r Sources Tests Benchmarks/Micro/Sources
swift build --build-tests
# Every temporary file a test, a peer or a child sparkdeploy makes (lock directories, fake SPARK_HOMEs,
# checkpoints, summaries) goes under one directory of this run, removed when the run ends however it ends:
# a run used to leave thousands of directories in /tmp.
TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/sparkdeploy-tests.XXXXXX")
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
swift test --skip-build --no-parallel 2>&1 | tee .build/test-output.txt
