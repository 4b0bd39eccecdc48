#!/usr/bin/env bash
# Start-up work as instructions, which load on the machine does not change (wall-clock start-up of a few ms
# moves by tens of percent with what else runs): callgrind's instruction count of one
# `exec -e 'return 1'` and one `run hello` per binary, run from the repository (recipes/ found upwards).
# Compare two builds of the same thing: e.g. two commits built with the same flags, or one commit with and
# without scripts/release-flags.sh.
#
# usage: Benchmarks/scripts/startup-instructions.sh BINARY...
# Each binary is copied without debug information first (valgrind reads the symbol table, not 100 MB of DWARF).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null || { echo "startup-instructions: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
count() {  # instructions of one run of "$@"
  valgrind --tool=callgrind --callgrind-out-file="$scratch/out" "$@" >/dev/null 2>"$scratch/log" || true
  grep -o 'Collected : [0-9]*' "$scratch/log" | awk '{print $3}'
}
printf '%-40s %14s %14s\n' binary "exec (instr)" "run hello"
for binary in "$@"; do
  strip --strip-debug -o "$scratch/bin" "$binary"
  printf '%-40s %14s %14s\n' "$binary" "$(count "$scratch/bin" exec -e 'return 1')" "$(count "$scratch/bin" run hello)"
done
