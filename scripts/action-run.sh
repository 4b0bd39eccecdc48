#!/usr/bin/env bash
# The GitHub Action's steps (action.yml), kept here so they can be run and tested anywhere:
#
#   scripts/action-run.sh cache-key   prints `key=…` for actions/cache: OS, architecture, INPUT_VERSION and
#                                     the action's commit (or a hash of its sources when it is no git checkout)
#   scripts/action-run.sh run         builds the binary if missing, runs the recipe with --summary-file,
#                                     appends the Markdown summary to $GITHUB_STEP_SUMMARY and writes the
#                                     outputs outcome, status, exit-code, app-id, step-id to $GITHUB_OUTPUT;
#                                     exits with sparkdeploy's exit code
#
# Inputs (action.yml passes each `inputs.<name>` as INPUT_<NAME>):
#   INPUT_RECIPE   recipe name or path to a .lua file (required)
#   INPUT_PARAMS   params, one key=value per line (each becomes -p key=value; blank lines and # comments skipped)
#   INPUT_TARGETS  fan-out: a targets file (JSON array or k=v lines), or one target per line ('cluster=a app=X')
#   INPUT_DRY_RUN  true or false
#   INPUT_VERSION  version label: part of the cache key, stamped by scripts/build-release.sh
#   INPUT_ARGS     further sparkdeploy arguments, split at whitespace (e.g. `--sandbox`, `--timeout 900`)
# SPARKDEPLOY_BIN overrides the binary (default: dist/sparkdeploy next to this script, built when missing:
# scripts/build-release.sh when present, else `swift build -c release --static-swift-stdlib`).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

fail() {
    echo "::error title=sparkdeploy action::$*" >&2
    exit 2
}

cache_key() {
    local commit
    if ! commit="$(git -C "$root" rev-parse HEAD 2>/dev/null)"; then
        commit="src-$(cd "$root" && find Package.swift Sources recipes -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
    fi
    echo "key=sparkdeploy-$(uname -s)-$(uname -m)-${INPUT_VERSION:-dev}-${commit}"
}

# The binary to run: SPARKDEPLOY_BIN, or dist/sparkdeploy (restored from the cache or built now).
binary() {
    local bin="${SPARKDEPLOY_BIN:-$root/dist/sparkdeploy}"
    if [[ -x "$bin" ]]; then
        echo "$bin"
        return
    fi
    [[ -z "${SPARKDEPLOY_BIN:-}" ]] || fail "SPARKDEPLOY_BIN=$SPARKDEPLOY_BIN is not an executable file"
    echo "::group::Build sparkdeploy" >&2
    if [[ -x "$root/scripts/build-release.sh" ]]; then
        (cd "$root" && SPARKDEPLOY_VERSION="${INPUT_VERSION:-}" ./scripts/build-release.sh) >&2 || fail "scripts/build-release.sh failed"
    else
        (cd "$root" && swift build -c release --static-swift-stdlib >&2 && mkdir -p dist \
            && cp "$(swift build -c release --static-swift-stdlib --show-bin-path)/sparkdeploy" dist/sparkdeploy) \
            || fail "swift build -c release --static-swift-stdlib failed"
    fi
    echo "::endgroup::" >&2
    [[ -x "$root/dist/sparkdeploy" ]] || fail "the build left no dist/sparkdeploy"
    echo "$root/dist/sparkdeploy"
}

# One field of the JSON summary (`.now_fields.app_id`), or nothing.
json_field() {
    local file="$1" path="$2"
    [[ -s "$file" ]] || return 0
    if command -v jq >/dev/null 2>&1; then
        jq -r "$path // empty" "$file" 2>/dev/null
    elif command -v python3 >/dev/null 2>&1; then
        python3 - "$file" "$path" <<'PY' 2>/dev/null
import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].lstrip(".").split("."):
    value = value.get(key) if isinstance(value, dict) else None
print("" if value is None else value)
PY
    else
        echo "::warning title=sparkdeploy action::neither jq nor python3 found: outputs app-id and step-id left empty" >&2
    fi
}

run() {
    [[ -n "${INPUT_RECIPE:-}" ]] || fail "input 'recipe' is required"
    local args=(run "$INPUT_RECIPE") line
    while IFS= read -r line; do
        line="${line#"${line%%[![:space:]]*}"}"
        line="${line%"${line##*[![:space:]]}"}"
        [[ -z "$line" || "$line" == \#* ]] && continue
        args+=(-p "$line")
    done <<<"${INPUT_PARAMS:-}"
    local targets="${INPUT_TARGETS:-}"
    if [[ -n "${targets//[[:space:]]/}" ]]; then
        if [[ "$targets" != *$'\n'* && -f "$targets" ]]; then
            args+=(--targets "$targets")
        else
            while IFS= read -r line; do
                [[ -z "${line//[[:space:]]/}" || "$line" == \#* ]] && continue
                args+=(--target "$line")
            done <<<"$targets"
        fi
    fi
    case "${INPUT_DRY_RUN:-false}" in
        true) args+=(--dry-run) ;;
        false | "") ;;
        *) fail "input 'dry-run' must be true or false, got '${INPUT_DRY_RUN}'" ;;
    esac
    local extra=()
    read -r -a extra <<<"${INPUT_ARGS:-}"
    args+=("${extra[@]}")

    local bin
    bin="$(binary)" || exit 2
    local dir
    dir="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/sparkdeploy-summary.XXXXXX")" || fail "cannot create a temporary directory"
    local markdown="$dir/summary.md" json="$dir/summary.json"

    "$bin" "${args[@]}" --summary-file "$markdown" --summary-file "$json"
    local code=$?

    if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
        if [[ -s "$markdown" ]]; then
            cat "$markdown" >>"$GITHUB_STEP_SUMMARY"
        else
            printf '## sparkdeploy `%s`: exited %s without a summary\n' "$INPUT_RECIPE" "$code" >>"$GITHUB_STEP_SUMMARY"
        fi
    fi
    local outcome=failure
    [[ $code -eq 0 ]] && outcome=success
    local status
    status="$(json_field "$json" .status)"
    {
        echo "outcome=$outcome"
        echo "status=${status:-unknown}"
        echo "exit-code=$code"
        echo "app-id=$(json_field "$json" .now_fields.app_id)"
        echo "step-id=$(json_field "$json" .now_fields.step_id)"
        echo "summary-file=$markdown"
    } >>"${GITHUB_OUTPUT:-/dev/stdout}"
    exit "$code"
}

case "${1:-}" in
    cache-key) cache_key ;;
    run) run ;;
    *)
        echo "usage: $0 cache-key | run   (inputs as INPUT_* variables; see the header of this script)" >&2
        exit 2
        ;;
esac
