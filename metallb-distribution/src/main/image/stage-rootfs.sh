#!/usr/bin/env bash
# Stages the image's file system (all but the demo's modules, which Jib adds from target/demo-lib):
#   /opt/metallb/runtime   a jlink runtime of the whole application: every module of APP (the distribution's
#                          module path, each jar an explicit module: Modularize.java) and the JDK modules given,
#                          so that no jar is read and no module path resolved at start (docs/benchmarks.md); with
#                          the JDK's default CDS archive of its classes (--generate-cds-archive: without it a
#                          jlinked runtime has none, and every start parses the JDK's classes again, about 0.3 s
#                          more CPU for the speaker)
#   /lib, /usr/lib, ...    the files of the Debian packages that hold the shared libraries the runtime and
#                          libpcap need (found with ldd, owners with dpkg -S), with their copyright files
#   /etc/passwd, group     root and the unprivileged user 65532 the image runs as
# Usage: stage-rootfs.sh OUT JAVA_HOME MODULES (comma-separated JDK modules) APP (a directory of modular jars)
# No registry is needed: the base is made from packages installed on this (Debian) build machine.
set -euo pipefail
out=$1 java_home=$2 modules=$3 app=$4
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$out"
mkdir -p "$out/opt/metallb" "$out/tmp" "$out/etc"

"$java_home/bin/jlink" --module-path "$app" --add-modules "ALL-MODULE-PATH,$modules" --strip-debug --no-man-pages \
  --no-header-files --compress=2 --generate-cds-archive --output "$out/opt/metallb/runtime"
# The archive for -XX:-UseCompressedOops (heaps over 32 GiB) is 10 MB the image never uses.
rm -f "$out/opt/metallb/runtime/lib/server/classes_nocoops.jsa"

# Shared libraries the runtime loads, and libpcap (pcap4j opens it through JNA for layer 2).
pcap=$("$(command -v ldconfig || echo /sbin/ldconfig)" -p | awk '/libpcap\.so\.0\.8 .*x86-64/ && !found {print $NF; found = 1}')
[[ -n $pcap ]] || { echo "libpcap.so.0.8 not found: apt-get install libpcap0.8" >&2; exit 1; }
mapfile -t libs < <({ find "$out/opt/metallb/runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
    | xargs -0 ldd 2>/dev/null; ldd "$pcap"; echo " $pcap (x)"; } \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $1 !~ /:$/ {print $1}' | grep -v "^$out/" | sort -u)
packages=()
for lib in "${libs[@]}"; do
  # usrmerge: dpkg may know the file under /lib or under /usr/lib.
  owner=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "${lib#/usr}" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null) \
    || { echo "no Debian package owns $lib" >&2; exit 1; }
  packages+=("${owner%%:*}")
done
mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)

# Every file of those packages but documentation, locales and programs (only java runs here); copies, not
# symlinks (Jib stores file contents), so /lib, /lib64 and /usr/lib are plain directories in the image. A file
# a symlink of its package points at is stored once, under the link's name (libz.so.1, not libz.so.1.2.13):
# the name the loader looks for.
for p in "${packages[@]}"; do
  declare -A linked=()
  while IFS= read -r f; do
    if [[ -L $f && -f $f ]]; then linked[$(readlink -f "$f")]=1; fi
  done < <(dpkg -L "$p")
  while IFS= read -r f; do
    if [[ ! -L $f && -n ${linked[$(readlink -f "$f")]:-} ]]; then continue; fi
    case "$f" in
      /usr/share/doc/*/copyright) ;;
      /usr/share/*|/usr/bin/*|/usr/sbin/*|/bin/*|/sbin/*|/usr/libexec/*|*/gconv/*|/etc/*|/var/*) continue ;;
    esac
    if [[ -d $f ]]; then
      mkdir -p "$out$f"
    elif [[ -e $f ]]; then
      mkdir -p "$out$(dirname "$f")"
      cp -L "$f" "$out$f"
    fi
  done < <(dpkg -L "$p")
  dpkg-query -W -f='${Package} ${Version}\n' "$p" >> "$out/opt/metallb/debian-packages.txt"
  unset linked
done
cp "$here/passwd" "$here/group" "$out/etc/"
echo "staged $(du -sh "$out" | cut -f1) from ${#packages[@]} packages: ${packages[*]}"
