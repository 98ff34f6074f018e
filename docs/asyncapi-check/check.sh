#!/usr/bin/env bash
# Validates docs/asyncapi.yaml (AsyncAPI 3.0 with Avro payloads) with the official parser, for CI and developers.
# Needs node 20+ and npm (and the npm registry, for the first `npm ci`).
#   1. npm ci: the exact @asyncapi/parser and @asyncapi/avro-schema-parser of package-lock.json.
#   2. docs/asyncapi.yaml parses without errors, its Avro schemas included (check.mjs).
#   3. Negative controls: broken copies of the document must be refused, or the check checks nothing.
# Ends with one line "asyncapi: N passed, M failed"; exits non-zero if anything failed.
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

# --ignore-scripts: nothing here needs an install script, and one dependency's only reports usage.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null

passed=0
failed=0
pass() { echo "ok     $1"; passed=$((passed + 1)); }
fail() { echo "FAILED $1"; failed=$((failed + 1)); }

if node check.mjs ../asyncapi.yaml; then
  pass "docs/asyncapi.yaml is a valid AsyncAPI document"
else
  fail "docs/asyncapi.yaml is a valid AsyncAPI document"
fi

# A copy of the document and the Avro files in the same layout, so that its relative $refs resolve.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/docs" "$scratch/schemas/src/main"
cp -r ../../schemas/src/main/avro "$scratch/schemas/src/main/avro"

refuses() {
  local what="$1"
  if node check.mjs "$scratch/docs/asyncapi.yaml" >/dev/null 2>&1; then
    fail "refuses $what"
  else
    pass "refuses $what"
  fi
}

sed 's/^    action: receive$/    action: publish/' ../asyncapi.yaml > "$scratch/docs/asyncapi.yaml"
refuses "an operation action AsyncAPI 3 does not have"

sed 's#avro/RandomReply.avsc#avro/RandomReplies.avsc#' ../asyncapi.yaml > "$scratch/docs/asyncapi.yaml"
refuses "a payload \$ref to a missing Avro file"

cp ../asyncapi.yaml "$scratch/docs/asyncapi.yaml"
sed -i 's/"io.rngstream.avro.ReplyStatus"/"io.rngstream.avro.ReplyState"/' "$scratch/schemas/src/main/avro/RandomReply.avsc"
refuses "an Avro schema that names an undefined type"

echo "asyncapi: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
