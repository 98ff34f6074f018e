#!/usr/bin/env bash
# Offline checks of terraform-msk/, for CI and developers: no Terraform binary, no AWS account, no
# Docker. Needs node 20+ and npm (and the npm registry, for the first `npm ci`).
#   1. npm ci: the exact parser version of package-lock.json (@cdktf/hcl2json, HashiCorp's HCL parser).
#   2. Every .tf, .tfvars and backend file parses (test/parse.mjs).
#   3. The invariants hold (test/invariants.test.mjs), and each invariant fails on the mutations made to
#      break it (test/mutations.test.mjs).
# Ends with one line "terraform-msk: N passed, M failed"; exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "check.sh: node 20+ and npm are required" >&2
  exit 2
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "check.sh: node 20+ is required (found $(node --version))" >&2
  exit 2
fi

npm ci --no-audit --no-fund --loglevel=error >/dev/null

status=0
# A file that does not parse fails here with the parser's file:line:column, and again in the tests.
node test/parse.mjs || status=$?

tap_file="$(mktemp)"
trap 'rm -f "$tap_file"' EXIT

node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap_file" \
  test/invariants.test.mjs test/mutations.test.mjs || status=$?

passed="$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$tap_file")"
failed="$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$tap_file")"
if [ -z "$passed" ] || [ "$passed" -eq 0 ]; then
  echo "check.sh: no test ran" >&2
  status=1
fi
echo "terraform-msk: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
