#!/usr/bin/env bash
# Assembles the base of the processor image without a Docker engine or a container registry:
#   layer 1: files of a few Debian 12 packages (glibc, libgcc/libstdc++ for RocksDB's JNI library, zlib,
#            CA certificates, tzdata, os-release) plus /etc/passwd and /etc/group with the uid 10001, and
#            /var/lib/dpkg/status.d/<package> so that scanners (Trivy, Grype) see the OS packages;
#   layer 2: /opt/java, a jlink runtime made from the build JDK.
# Output: a `docker save`-format tarball (manifest.json, config.json, one uncompressed tar per layer) that
# Jib reads as its base (<from><image>tar://…</image></from>), its digest, and a CycloneDX SBOM of it.
# Byte-for-byte reproducible: same packages and JDK in, same tarball out (sorted entries, mtime 0, uid/gid 0).
# docs/image.md explains the choices. Needs: bash, apt-get, dpkg-deb, GNU tar, sha256sum (Debian/Ubuntu).
set -euo pipefail

usage() {
  cat <<'USAGE'
build-base.sh --out DIR --jdk JAVA_HOME --modules m1,m2 --lock FILE --cache DIR [--force] [--strict] [--update-lock]
  (each flag also as --flag=true or --flag=false)
  --out DIR       where base.tar, base.digest, base.cdx.json and packages.txt are written
  --jdk DIR       the JDK whose jlink makes the runtime (23 or newer: the image's JVM flags need it)
  --modules LIST  the JDK modules of the runtime, comma-separated
  --lock FILE     "package version" lines: the Debian packages of the base
  --cache DIR     apt's lists and the downloaded .deb files, kept between builds
  --force         build even when the inputs match the last build in --out
  --strict        fail when a locked version is no longer served (default: warn and take the current one)
  --update-lock   write the versions served today into --lock, then build with them
USAGE
}

out="" jdk="" modules="" lock="" cache="" force=false strict=false update_lock=false
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --jdk) jdk="$2"; shift 2 ;;
    --modules) modules="$2"; shift 2 ;;
    --lock) lock="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --force | --force=true) force=true; shift ;;
    --strict | --strict=true) strict=true; shift ;;
    --update-lock | --update-lock=true) update_lock=true; shift ;;
    --force=* | --strict=* | --update-lock=*) shift ;; # =false, as Maven passes it
    -h | --help) usage; exit 0 ;;
    *) echo "build-base.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done
for required in out jdk modules lock cache; do
  if [ -z "${!required}" ]; then
    echo "build-base.sh: --$required is required" >&2
    usage >&2
    exit 2
  fi
done

say() { printf 'build-base: %s\n' "$*" >&2; }
die() { printf 'build-base: ERROR: %s\n' "$*" >&2; exit 1; }

for tool in apt-get apt-cache dpkg-deb tar sha256sum; do
  command -v "$tool" >/dev/null 2>&1 \
    || die "$tool not found: the image base is assembled from Debian packages on a Debian or Ubuntu host (docs/image.md); skip the image with -Dimage.skip"
done
tar --version 2>/dev/null | grep -q 'GNU tar' || die "GNU tar is required (--sort=name, --mtime)"

export LC_ALL=C
umask 022

# ---------------------------------------------------------------------------------------------------------
# The JDK: jlink of the build JDK. The entrypoint's --sun-misc-unsafe-memory-access needs Java 23+.
[ -x "$jdk/bin/jlink" ] || die "no jlink in $jdk (a full JDK is needed, not a JRE)"
jdk_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$jdk/release")
jdk_runtime_version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$jdk/release")
jdk_implementor=$(sed -n 's/^IMPLEMENTOR="\(.*\)"$/\1/p' "$jdk/release")
jdk_major=${jdk_version%%.*}
if [ -z "$jdk_major" ] || [ "$jdk_major" -lt 23 ]; then
  die "the image runtime is jlinked from the build JDK, which must be 23 or newer (found ${jdk_version:-none} in $jdk)"
fi

# ---------------------------------------------------------------------------------------------------------
# Debian packages through a private apt configuration: Debian 12 whatever the host runs, the host's own
# apt state untouched, no root needed. apt checks every .deb against the signed Release files.
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || die "$keyring is missing: apt-get install debian-archive-keyring"
mkdir -p "$cache/apt/lists/partial" "$cache/apt/archives/partial" "$cache/debs"
cache=$(cd "$cache" && pwd)
# One build at a time in a cache (apt runs without its own locks here); released once the .debs are in.
exec 9>"$cache/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi
sources="$cache/apt/sources.list"
cat >"$sources" <<SOURCES
deb [arch=amd64 signed-by=$keyring] http://deb.debian.org/debian bookworm main
deb [arch=amd64 signed-by=$keyring] http://deb.debian.org/debian bookworm-updates main
deb [arch=amd64 signed-by=$keyring] http://deb.debian.org/debian-security bookworm-security main
SOURCES
apt_opts=(
  -o "Dir::Etc::SourceList=$sources" -o "Dir::Etc::SourceParts=/nonexistent"
  -o "Dir::State=$cache/apt" -o "Dir::State::Lists=$cache/apt/lists" -o "Dir::State::status=/dev/null"
  -o "Dir::Cache=$cache/apt" -o "Dir::Cache::archives=$cache/apt/archives"
  -o "Dir::Cache::pkgcache=$cache/apt/pkgcache.bin" -o "Dir::Cache::srcpkgcache=$cache/apt/srcpkgcache.bin"
  -o "APT::Architecture=amd64" -o "APT::Architectures::=amd64" -o "Debug::NoLocking=1"
)
if [ "$(id -u)" -eq 0 ]; then
  # apt drops to the _apt user to download, which may not write into the cache.
  apt_opts+=(-o "APT::Sandbox::User=root")
fi
if ! apt-get "${apt_opts[@]}" -qq update >"$cache/apt/update.log" 2>&1; then
  if compgen -G "$cache/apt/lists/*_Packages*" >/dev/null; then
    say "WARNING: apt-get update failed (offline?); using the package lists of an earlier build"
  else
    cat "$cache/apt/update.log" >&2
    die "apt-get update failed and no earlier package lists are cached"
  fi
fi

served_version() { # the version apt would take today
  apt-cache "${apt_opts[@]}" policy "$1" | sed -n 's/^ *Candidate: //p'
}
is_served() { # package version (apt-cache show succeeds, silently, for a version it does not know)
  apt-cache "${apt_opts[@]}" show "$1=$2" 2>/dev/null | grep -q '^Package: '
}
deb_file() { # package version -> the file name apt-get download gives it (or a cached one of that version)
  local arch cached
  arch=$(apt-cache "${apt_opts[@]}" show "$1=$2" 2>/dev/null | sed -n 's/^Architecture: //p' | head -n 1)
  if [ -z "$arch" ]; then
    cached=$(compgen -G "$cache/debs/${1}_${2//:/%3a}_*.deb" | head -n 1 || true)
    [ -n "$cached" ] && { basename "$cached"; return; }
  fi
  printf '%s_%s_%s.deb' "$1" "${2//:/%3a}" "${arch:-amd64}"
}
index_sha256() { # package version -> SHA-256 from the signed index
  apt-cache "${apt_opts[@]}" show "$1=$2" 2>/dev/null | sed -n 's/^SHA256: //p' | head -n 1
}

mapfile -t lock_lines < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$lock")
[ "${#lock_lines[@]}" -gt 0 ] || die "$lock lists no package"
declare -a packages=() versions=() files=()
stale=()
for line in "${lock_lines[@]}"; do
  read -r package locked _ <<<"$line"
  current=$(served_version "$package")
  if [ -z "$current" ] || [ "$current" = "(none)" ]; then
    die "Debian 12 serves no package named $package"
  fi
  version="$locked"
  if $update_lock; then
    version="$current"
  elif [ -z "$locked" ]; then
    die "$lock: no version for $package"
  elif ! is_served "$package" "$locked" && ! compgen -G "$cache/debs/${package}_${locked//:/%3a}_*.deb" >/dev/null; then
    stale+=("$package $locked -> $current")
    $strict && continue
    version="$current"
  fi
  packages+=("$package")
  versions+=("$version")
done
if [ "${#stale[@]}" -gt 0 ]; then
  say "WARNING: Debian no longer serves these locked versions (superseded, usually by a security update):"
  printf '  %s\n' "${stale[@]}" >&2
  if $strict; then
    die "strict mode: update $lock (Renovate does, or -Dimage.base.updateLock)"
  fi
  say "WARNING: building with the current versions; update $lock (Renovate does, or -Dimage.base.updateLock)"
fi
if $update_lock; then
  {
    sed -n '/^#/p' "$lock"
    for i in "${!packages[@]}"; do printf '%s %s\n' "${packages[$i]}" "${versions[$i]}"; done
  } >"$lock.new"
  mv "$lock.new" "$lock"
  say "updated $lock"
fi

for i in "${!packages[@]}"; do
  package=${packages[$i]} version=${versions[$i]}
  file=$(deb_file "$package" "$version")
  expected=$(index_sha256 "$package" "$version")
  path="$cache/debs/$file"
  if [ -f "$path" ] && [ -n "$expected" ] && [ "$(sha256sum "$path" | cut -d' ' -f1)" != "$expected" ]; then
    say "WARNING: cached $file does not match Debian's index; downloading it again"
    rm -f "$path"
  fi
  if [ ! -f "$path" ]; then
    (cd "$cache/debs" && apt-get "${apt_opts[@]}" -qq download "$package=$version" >/dev/null) \
      || die "could not download $package $version"
  fi
  [ -f "$path" ] || die "apt-get download did not write $file"
  files+=("$path")
done

exec 9>&-

# ---------------------------------------------------------------------------------------------------------
# Skip the work when nothing changed since the last build in $out (the result would be the same bytes).
mkdir -p "$out"
out=$(cd "$out" && pwd)
script_sha=$(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1)
inputs_key=$(
  {
    echo "script $script_sha"
    echo "modules $modules"
    sha256sum "$jdk/release" "$jdk/lib/modules" 2>/dev/null | cut -d' ' -f1
    for f in "${files[@]}"; do sha256sum "$f"; done | sed 's:  .*/:  :'
  } | sha256sum | cut -d' ' -f1
)
if ! $force && [ -f "$out/base.tar" ] && [ -f "$out/base.digest" ] && [ "$(cat "$out/inputs.sha256" 2>/dev/null)" = "$inputs_key" ]; then
  say "up to date: $(cat "$out/base.digest")"
  exit 0
fi
rm -f "$out/inputs.sha256"

work="$out/work"
rm -rf "$work"
os="$work/os" jre="$work/jre" layers="$work/layers"
mkdir -p "$os" "$jre/opt" "$layers"

# ---------------------------------------------------------------------------------------------------------
# Layer 1: the Debian files. Extract, then drop what a JVM never reads (docs except copyright, manuals,
# gconv modules, maintainer helpers, shell start-up files) and generate what package scripts would have.
mkdir -p "$os/var/lib/dpkg/status.d"
for i in "${!packages[@]}"; do
  dpkg-deb --fsys-tarfile "${files[$i]}" | tar -x -p --no-same-owner -C "$os"
  dpkg-deb --info "${files[$i]}" control >"$os/var/lib/dpkg/status.d/${packages[$i]}"
done
find "$os/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
find "$os/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$os/usr/share/man" "$os/usr/share/info" "$os/usr/share/lintian" "$os/usr/share/gdb" \
  "$os/usr/share/gcc" "$os/usr/lib/x86_64-linux-gnu/gconv" "$os/usr/sbin/update-ca-certificates" \
  "$os/etc/update-motd.d" "$os/etc/profile.d" "$os/etc/skel" "$os/usr/share/base-files" \
  "$os/etc/ca-certificates/update.d" "$os/usr/share/common-licenses"
# The bundle update-ca-certificates would write, from the Mozilla set the package ships.
mkdir -p "$os/etc/ssl/certs"
# awk 1 adds the newline a file may lack at its end, as update-ca-certificates does.
find "$os/usr/share/ca-certificates" -name '*.crt' -print0 | sort -z | xargs -0 -r awk 1 \
  >"$os/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nrng:x:10001:10001:rng-stream processor:/nonexistent:/sbin/nologin\n' >"$os/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\nrng:x:10001:\n' >"$os/etc/group"
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n' >"$os/etc/nsswitch.conf"
ln -sf /usr/share/zoneinfo/Etc/UTC "$os/etc/localtime"
printf 'Etc/UTC\n' >"$os/etc/timezone"
mkdir -p "$os/tmp"
chmod 1777 "$os/tmp"

# ---------------------------------------------------------------------------------------------------------
# Layer 2: the Java runtime.
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
  --output "$jre/opt/java"

# ---------------------------------------------------------------------------------------------------------
# Reproducible tars: sorted names, no atime/ctime, mtime 0, owner root.
repro_tar() { # dir output [extra tar options]; entries named like "etc/passwd" (no "./": Jib refuses it)
  local dir=$1 output=$2 entries
  shift 2
  mapfile -t entries < <(find "$dir" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
  tar --sort=name --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    --mtime=@0 --owner=0 --group=0 --numeric-owner "$@" -C "$dir" -cf "$output" -- "${entries[@]}"
}
repro_tar "$os" "$layers/os.tar"
repro_tar "$jre" "$layers/jre.tar" --mode=u+w,go-w,a+rX
os_diff=$(sha256sum "$layers/os.tar" | cut -d' ' -f1)
jre_diff=$(sha256sum "$layers/jre.tar" | cut -d' ' -f1)
debian_version=$(cat "$os/etc/debian_version")

cat >"$layers/config.json" <<CONFIG
{"architecture":"amd64","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8","SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"],"User":"10001:10001","WorkingDir":"/"},"created":"1970-01-01T00:00:00Z","history":[{"created":"1970-01-01T00:00:00Z","created_by":"rng-stream image/src/base/build-base.sh: Debian $debian_version packages ${packages[*]}","comment":"debian"},{"created":"1970-01-01T00:00:00Z","created_by":"jlink ($jdk_implementor $jdk_runtime_version) --add-modules $modules","comment":"jre"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:$os_diff","sha256:$jre_diff"]}}
CONFIG
printf '[{"Config":"config.json","RepoTags":["rng-stream-base:local"],"Layers":["os.tar","jre.tar"]}]\n' >"$layers/manifest.json"
repro_tar "$layers" "$work/base.tar"
mv "$work/base.tar" "$out/base.tar"
digest="sha256:$(sha256sum "$layers/config.json" | cut -d' ' -f1)"
printf '%s\n' "$digest" >"$out/base.digest"

# ---------------------------------------------------------------------------------------------------------
# What is in the base: packages.txt for people, base.cdx.json (CycloneDX 1.5) for tools.
purl_version() { local v=${1//%/%25}; v=${v//+/%2B}; v=${v//:/%3A}; printf '%s' "${v//\~/%7E}"; }
{
  printf 'base image %s\n' "$digest"
  printf 'debian %s (bookworm), amd64\n' "$debian_version"
  for i in "${!packages[@]}"; do
    printf 'deb %s %s sha256:%s\n' "${packages[$i]}" "${versions[$i]}" "$(sha256sum "${files[$i]}" | cut -d' ' -f1)"
  done
  printf 'jre %s %s (jlink) modules %s\n' "$jdk_implementor" "$jdk_runtime_version" "$modules"
} >"$out/packages.txt"
{
  printf '{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"metadata":{"component":{"type":"container","bom-ref":"rng-stream-base","name":"rng-stream-base","version":"%s"}},"components":[' "$digest"
  printf '{"type":"operating-system","bom-ref":"os:debian","name":"debian","version":"%s"}' "$debian_version"
  for i in "${!packages[@]}"; do
    sha=$(sha256sum "${files[$i]}" | cut -d' ' -f1)
    source=$(sed -n 's/^Source: \([^ ]*\).*/\1/p' "$os/var/lib/dpkg/status.d/${packages[$i]}")
    arch=$(sed -n 's/^Architecture: //p' "$os/var/lib/dpkg/status.d/${packages[$i]}")
    purl="pkg:deb/debian/${packages[$i]}@$(purl_version "${versions[$i]}")?arch=$arch&distro=debian-12"
    printf ',{"type":"library","bom-ref":"%s","name":"%s","version":"%s","purl":"%s","hashes":[{"alg":"SHA-256","content":"%s"}],"properties":[{"name":"deb:source","value":"%s"}]}' \
      "$purl" "${packages[$i]}" "${versions[$i]}" "$purl" "$sha" "${source:-${packages[$i]}}"
  done
  printf ',{"type":"framework","bom-ref":"jre","name":"java-runtime","version":"%s","description":"jlink runtime of %s %s","properties":[{"name":"jlink:modules","value":"%s"}]}' \
    "$jdk_runtime_version" "$jdk_implementor" "$jdk_runtime_version" "$modules"
  printf ']}\n'
} >"$out/base.cdx.json"

printf '%s\n' "$inputs_key" >"$out/inputs.sha256"
rm -rf "$work"
say "built $out/base.tar $digest ($(du -m "$out/base.tar" | cut -f1) MB, Debian $debian_version, $jdk_implementor $jdk_runtime_version)"
