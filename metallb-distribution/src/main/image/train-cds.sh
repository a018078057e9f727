#!/usr/bin/env bash
# The image's AppCDS archive, /opt/metallb/app/speaker.jsa: the classes a speaker loads up to announcing, parsed,
# verified and laid out once at build time instead of at every start (docs/benchmarks.md, "Distribution").
#
# A CDS archive is only used by a JVM whose runtime and module path are those it was dumped with, so the training
# speaker runs in the image's own file system: a hard-linked copy of the staged root (ROOT/../cds-root), whose
# runtime holds the application (stage-rootfs.sh), through chroot, with /proc, /sys and /dev mounted in a mount
# namespace of its own as a container runtime does. (Jib sets every file's mtime to 1970-01-01T00:00:01Z; that the
# archive still maps in the image is what ContainerImageIT checks, with -Xshare:on.)
# It runs in a network namespace that holds only loopback and a veth pair, against fabric8's mock API server
# (CdsTraining, from the test classes). The archive is written to ROOT/opt/metallb/app/speaker.jsa and named in
# ROOT/opt/metallb/app/jvm.args, the argument file the image's entrypoint reads; without root (chroot,
# namespaces) the archive is left out, the argument file is empty, and the image still works, only starting
# slower. Under CI=true that is a failure instead.
# With MEASURE > 0 (mvn package -Dcds.measure=1000), the speaker is then measured as the image runs it, with and
# without the archive, with MEASURE more Services (docs/benchmarks.md).
# Usage: train-cds.sh ROOT TEST_CLASSPATH [MEASURE]
set -euo pipefail
root=$1 cp=$2 measure=${3:-0}
args="$root/opt/metallb/app/jvm.args"
mkdir -p "$root/opt/metallb/app"
: > "$args"
rm -f "$root/opt/metallb/app/speaker.jsa"

missing=""
[[ $(id -u) == 0 ]] || missing="root"
for tool in ip unshare chroot; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
# The test classes hold the training (not compiled with -Dmaven.test.skip=true).
tc=$(tr ':' '\n' <<< "$cp" | grep '/test-classes$' | head -1 || true)
[[ -n $tc && -f $tc/io/metallb/distribution/command/CdsTraining.class ]] || missing="$missing test-classes"
if [[ -n $missing ]]; then
  echo "train-cds: no AppCDS archive in the image (needs:$missing)" >&2
  [[ ${CI:-} == true ]] && exit 1
  exit 0
fi

train="$(dirname "$root")/cds-root"
ns="metallb-cds-$$"
cleanup() {
  ip netns delete "$ns" 2>/dev/null || true
  rm -rf "$train"
}
trap cleanup EXIT
rm -rf "$train"
cp -al "$root" "$train"
mkdir -p "$train/proc" "$train/sys" "$train/dev"

ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
# Interfaces for layer 2 to announce on: a veth pair with both ends in the namespace.
ip netns exec "$ns" ip link add cds0 type veth peer name cds1
ip netns exec "$ns" ip addr add 198.51.100.254/24 dev cds0
ip netns exec "$ns" ip link set cds0 up
ip netns exec "$ns" ip link set cds1 up
extra=()
if ((measure > 0)); then extra=("$measure"); fi
# The mock API server's JVM with C1 only: measured, its C2 compilations of what a starting speaker's requests made
# hot took 0.7 s of this machine's two CPUs during the speaker's 2 s start, and a cluster's API server runs on
# CPUs of its own (docs/benchmarks.md, session 9).
ip netns exec "$ns" java -XX:TieredStopAtLevel=1 -cp "$cp" io.metallb.distribution.command.CdsTraining "$train" /opt/metallb/app/speaker.jsa \
  "${extra[@]}"
cp "$train/opt/metallb/app/speaker.jsa" "$root/opt/metallb/app/speaker.jsa"
echo "-XX:SharedArchiveFile=/opt/metallb/app/speaker.jsa" > "$args"
