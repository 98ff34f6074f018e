# shellcheck shell=bash
# Sourced by ./rng and .ci/run: exports JAVA_HOME for a JDK 21 or newer, or stops with a message.

rng_java_major() {
  # Prints the major version of the java binary $1 (e.g. 17, 21, 25), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

rng_find_jdk() {
  local candidate major
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  # Newest first, so a machine with several JDKs builds with the most recent one.
  while IFS= read -r candidate; do candidates+=("$candidate"); done \
    < <(ls -d /usr/lib/jvm/*/ /opt/java/*/ /opt/jdk*/ 2>/dev/null | sed 's:/$::' | sort -rV)
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(rng_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

if ! RNG_JDK=$(rng_find_jdk); then
  cat >&2 <<'MSG'
rng-stream needs a JDK 21 or newer (javac included), and none was found in JAVA_HOME,
on the PATH or under /usr/lib/jvm. Install one, for example:
  apt-get install openjdk-21-jdk-headless     (Debian 13 / Ubuntu 24.04)
or a Temurin JDK 21+ from adoptium.net, then set JAVA_HOME to it.
MSG
  exit 1
fi
export JAVA_HOME="$RNG_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
