#!/usr/bin/env bash
# Installs what SparkDeploy needs on a fresh Debian machine, skipping what is already there:
# Lua 5.4 (headers + interpreter) and pkg-config from apt; the Python peers the tests use
# (awscli, boto3, moto[server], yarn-api-client, livy, pyspark) from PyPI into the project virtualenv .venv/,
# and Java 17 (openjdk-17-jre-headless, which pyspark's driver runs on) from apt when `java` is missing.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

need_apt=()
pkg-config --exists lua5.4 2>/dev/null || need_apt+=(liblua5.4-dev pkg-config)
command -v lua5.4 >/dev/null 2>&1 || need_apt+=(lua5.4)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "bootstrap: apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "${1:-}" = "--with-peers" ]; then
  # The peers go into the project virtualenv .venv/ (git-ignored), never the system Python:
  # Debian's python3 refuses pip installs (PEP 668), and another Python on PATH must not matter.
  need_apt=()
  command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
  # luacheck lints the shipped recipes and the runtime prelude (LuaLintTests).
  command -v luacheck >/dev/null 2>&1 || need_apt+=(lua-check)
  python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need_apt+=(python3-venv)
  command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)
  if [ "${#need_apt[@]}" -gt 0 ]; then
    echo "bootstrap: apt-get install ${need_apt[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
  if ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
    echo "bootstrap: python3 -m venv .venv"
    rm -rf .venv
    python3 -m venv .venv
  fi
  # One probe for bootstrap and the tests (scripts/peers.py): a peer that is installed but broken is
  # reinstalled like a missing one.
  mapfile -t missing < <(.venv/bin/python scripts/peers.py requirements)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "bootstrap: pip install ${missing[*]} (into .venv)"
    .venv/bin/python -m pip install -q --disable-pip-version-check "${missing[@]}"
  fi
  status=0
  for peer in $(.venv/bin/python scripts/peers.py names); do
    .venv/bin/python scripts/peers.py check "$peer" || { echo "bootstrap: peer $peer does not work (above)" >&2; status=1; }
  done
  exit $status
fi
