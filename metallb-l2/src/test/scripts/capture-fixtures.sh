#!/usr/bin/env bash
# Captures real kernel ARP/NDP frames in two throwaway network namespaces (joined by a veth; this sandbox's kernel has no 8021q, so
# tagged frames are covered by generated round trips only)
# and writes each frame as one hex line under src/test/resources/l2/<name>.hex. Run as root; needs iproute2,
# tcpdump, arping (iputils-arping), ndisc6, python3. Addresses only from 198.51.100.0/24 and 2001:db8::/64.
set -euo pipefail
out="$(cd "$(dirname "$0")/../resources/l2" && pwd)"
suffix=$RANDOM
c=mlbj-l2-c$suffix n=mlbj-l2-n$suffix
tmp=$(mktemp -d)
cleanup() { ip netns del "$c" 2>/dev/null || true; ip netns del "$n" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
ip netns add "$c"; ip netns add "$n"
for ns in "$c" "$n"; do # no duplicate address detection: link-local addresses usable at once
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0
done
ip -n "$c" link add eth0 type veth peer name eth0 netns "$n"
for ns in "$c" "$n"; do
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
done
ip -n "$c" addr add 198.51.100.1/24 dev eth0
ip -n "$n" addr add 198.51.100.10/24 dev eth0
ip -n "$c" addr add 2001:db8::1/64 dev eth0 nodad
ip -n "$n" addr add 2001:db8::10/64 dev eth0 nodad
ip netns exec "$c" tcpdump -U -i eth0 -w "$tmp/all.pcap" >/dev/null 2>&1 & pid=$!
sleep 1 # tcpdump writes the file header before it is attached; a one-off script, so a plain wait
ip netns exec "$c" arping -c 1 -w 2 -I eth0 198.51.100.10 >/dev/null     # userspace request, kernel reply
ip netns exec "$c" arping -U -c 1 -I eth0 198.51.100.1 >/dev/null || true # gratuitous request
ip netns exec "$c" arping -A -c 1 -I eth0 198.51.100.1 >/dev/null || true # gratuitous reply
ip netns exec "$c" ndisc6 -1 -r 1 -w 500 2001:db8::10 eth0           # userspace NS, kernel NA
ip netns exec "$c" bash -c "echo x > /dev/udp/2001:db8::10/9" || true # kernel NS and NA
sleep 0.3
sleep 1; kill -INT "$pid"; wait "$pid" 2>/dev/null || true
python3 - "$tmp/all.pcap" "$out/kernel-frames.hex" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
lines, i = ["# Frames captured from Linux by src/test/scripts/capture-fixtures.sh, one per line, as seen on the wire."], 24
while i + 16 <= len(d):
    incl = struct.unpack('<I', d[i + 8:i + 12])[0]
    lines.append(d[i + 16:i + 16 + incl].hex())
    i += 16 + incl
open(sys.argv[2], 'w').write('\n'.join(lines) + '\n')
PY
wc -l "$out/kernel-frames.hex"
