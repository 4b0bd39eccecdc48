#!/usr/bin/env bash
# Installs what SparkDeploy needs on a fresh Debian machine, skipping what is already there:
# Lua 5.4 (headers + interpreter) and pkg-config from apt; the Python peers the tests use
# (awscli, boto3, moto[server], yarn-api-client) from PyPI.
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
  missing=()
  python3 -c 'import moto, flask, flask_cors' 2>/dev/null || missing+=('moto[server]')
  python3 -c 'import yarn_api_client' 2>/dev/null || missing+=(yarn-api-client)
  python3 -c 'import boto3' 2>/dev/null || missing+=(boto3)
  command -v aws >/dev/null 2>&1 || missing+=(awscli)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "bootstrap: pip install ${missing[*]}"
    python3 -m pip install -q "${missing[@]}"
  fi
fi
