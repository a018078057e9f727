package io.metallb.bgp.interop;

import io.metallb.api.config.BgpPeer;
import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.Announcement;
import io.metallb.bgp.speaker.BgpSpeaker;
import io.metallb.bgp.speaker.SpeakerOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Our speaker as a process of its own, so that it can run inside a network namespace
 * ({@code ip netns exec NS java ... NamespaceSpeaker ...}). Arguments: {@code myAsn peerAsn port} then
 * {@code local=peer} pairs (one session each), then {@code --} and the addresses to announce, or
 * {@code --bulk N} for N IPv6 /128 from 2001:db8:9::/48 ({@code --bulk4 N}: IPv4 /32 from 198.18.0.0/15, for the
 * benchmark's own namespace only) applied when stdin gives the line {@code go}.
 * Prints {@code ready} once applied, {@code updates N} and a {@code timing:} line (how long {@code apply} took,
 * and when the last UPDATEs went to the socket, both from {@code go}) after each {@code count} line, and exits
 * when stdin closes.
 * System properties: {@code speaker.gracefulRestart=true} enables graceful restart on every peer,
 * {@code speaker.restarted=true} makes it a speaker that restarted (RFC 4724 Restart State bit),
 * {@code speaker.multihop=true} gives every peer eBGP multihop (TTL 255), {@code speaker.listen=ADDRESS:PORT}
 * makes it listen there and wait for its peers to dial.
 */
public final class NamespaceSpeaker {
    private NamespaceSpeaker() {
    }

    /** {@code speaker.listen=ADDRESS:PORT}: listen there and wait for every peer to dial (passive). */
    static SpeakerOptions options(List<BgpPeer> peers) {
        SpeakerOptions options = SpeakerOptions.DEFAULT.withRestarted(Boolean.getBoolean("speaker.restarted"));
        String listen = System.getProperty("speaker.listen", "");
        if (listen.isBlank()) {
            return options;
        }
        int colon = listen.lastIndexOf(':');
        return options.withListen(new java.net.InetSocketAddress(listen.substring(0, colon),
                Integer.parseInt(listen.substring(colon + 1)))).withPassivePeers(peers.stream().map(BgpPeer::name)
                .collect(java.util.stream.Collectors.toSet()));
    }

    public static void main(String[] args) throws Exception {
        long myAsn = Long.parseLong(args[0]);
        long peerAsn = Long.parseLong(args[1]);
        int port = Integer.parseInt(args[2]);
        List<BgpPeer> peers = new ArrayList<>();
        int i = 3;
        for (; !args[i].startsWith("--"); i++) {
            String[] pair = args[i].split("=");
            BgpPeer peer = TestConfigs.peer("peer-" + pair[1], myAsn, peerAsn, pair[0], pair[1], port,
                    Duration.ofSeconds(90), Optional.empty());
            peer = Boolean.getBoolean("speaker.gracefulRestart") ? TestConfigs.withGracefulRestart(peer) : peer;
            peers.add(Boolean.getBoolean("speaker.multihop") ? TestConfigs.withMultiHop(peer) : peer);
        }
        var config = TestConfigs.config(peers, List.of(TestConfigs.advertisement("adv", OptionalLong.empty(),
                List.of())));
        boolean bulk = args[i].startsWith("--bulk");
        Set<Announcement> desired = args[i].equals("--bulk4") ? Bulk.ipv4Benchmark("adv", Integer.parseInt(args[i + 1]))
                : bulk ? Bulk.ipv6("adv", Integer.parseInt(args[i + 1]))
                : TestConfigs.announce("adv", java.util.Arrays.copyOfRange(args, i + 1, args.length));
        Bulk.Counting counters = new Bulk.Counting();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (BgpSpeaker speaker = new BgpSpeaker(java.util.Map.of(), counters,
                () -> IpAddress.parse("10.255.255.9"),
                options(peers))) {
            if (bulk) {
                long go = 0;
                long applied = 0;
                speaker.apply(config, Set.of());
                System.out.println("ready");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("go")) {
                        go = System.nanoTime();
                        speaker.apply(config, desired);
                        applied = System.nanoTime();
                    } else if (line.equals("count")) {
                        System.out.println("updates " + counters.updates.get());
                        System.out.printf("timing: apply %.3f s, UPDATEs written %.3f s after go%n",
                                (applied - go) / 1e9, (counters.lastSent - go) / 1e9);
                    }
                }
            } else {
                speaker.apply(config, desired);
                System.out.println("ready");
                while (in.readLine() != null) {
                    // runs until the test closes stdin
                }
            }
        }
    }
}
