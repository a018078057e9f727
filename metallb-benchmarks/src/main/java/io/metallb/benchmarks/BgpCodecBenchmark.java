package io.metallb.benchmarks;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import io.metallb.bgp.wire.AfiSafi;
import io.metallb.bgp.wire.Attribute;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.PathAttribute;
import io.metallb.bgp.wire.Update;
import io.metallb.bgp.wire.WireOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * UPDATE encode and decode rate in prefixes per second: full UPDATEs as the speaker packs them at 4096 octets,
 * {@value #V4_PREFIXES} IPv4 /32 in classic NLRI and {@value #V6_PREFIXES} IPv6 /128 in MP_REACH_NLRI, with
 * ORIGIN, AS_PATH [64512] and NEXT_HOP. JMH's ops/s are prefixes/s ({@link OperationsPerInvocation}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BgpCodecBenchmark {
    /** As many /32 (5 octets each) as fit one 4096-octet UPDATE with these attributes (4091 octets). */
    static final int V4_PREFIXES = 810;
    /** As many /128 (17 octets each) as fit one 4096-octet UPDATE with these attributes (4090 octets). */
    static final int V6_PREFIXES = 237;

    Update v4;
    Update v6;
    byte[] v4Bytes;
    byte[] v6Bytes;

    @Setup
    public void setUp() {
        List<IpPrefix> four = new ArrayList<>();
        for (int i = 0; i < V4_PREFIXES; i++) {
            four.add(new IpPrefix(IpAddress.ofV4(0x0A00_0000 + i), 32)); // 10/8: encoded only, never sent
        }
        List<IpPrefix> six = new ArrayList<>();
        for (int i = 0; i < V6_PREFIXES; i++) {
            six.add(new IpPrefix(IpAddress.ofV6(0x20010db8_00090000L, i), 128));
        }
        List<PathAttribute> common = List.of(PathAttribute.of(Attribute.Origin.INCOMPLETE),
                PathAttribute.of(Attribute.AsPath.sequence(64512)));
        List<PathAttribute> v4Attributes = new ArrayList<>(common);
        v4Attributes.add(PathAttribute.of(new Attribute.NextHop(IpAddress.parse("198.51.100.1"))));
        v4 = new Update(List.of(), v4Attributes, four);
        List<PathAttribute> v6Attributes = new ArrayList<>(common);
        v6Attributes.add(PathAttribute.of(new Attribute.MpReach(AfiSafi.IPV6_UNICAST,
                List.of(IpAddress.parse("2001:db8::1")), six)));
        v6 = new Update(List.of(), v6Attributes, List.of());
        v4Bytes = BgpMessageCodec.encode(v4, WireOptions.MODERN);
        v6Bytes = BgpMessageCodec.encode(v6, WireOptions.MODERN);
        if (v4Bytes.length > WireOptions.MAX_LENGTH || v6Bytes.length > WireOptions.MAX_LENGTH) {
            throw new IllegalStateException("UPDATE over 4096 octets: " + v4Bytes.length + ", " + v6Bytes.length);
        }
        if (!BgpMessageCodec.decode(v6Bytes, WireOptions.MODERN).message().equals(v6)) {
            throw new IllegalStateException("IPv6 UPDATE does not round-trip");
        }
    }

    @Benchmark
    @OperationsPerInvocation(V4_PREFIXES)
    public byte[] encodeIpv4() {
        return BgpMessageCodec.encode(v4, WireOptions.MODERN);
    }

    @Benchmark
    @OperationsPerInvocation(V4_PREFIXES)
    public Object decodeIpv4() {
        return BgpMessageCodec.decode(v4Bytes, WireOptions.MODERN);
    }

    @Benchmark
    @OperationsPerInvocation(V6_PREFIXES)
    public byte[] encodeIpv6() {
        return BgpMessageCodec.encode(v6, WireOptions.MODERN);
    }

    @Benchmark
    @OperationsPerInvocation(V6_PREFIXES)
    public Object decodeIpv6() {
        return BgpMessageCodec.decode(v6Bytes, WireOptions.MODERN);
    }
}
