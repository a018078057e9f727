package io.metallb.l2.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of the {@code layer2} announcer, read from {@link io.metallb.api.spi.AnnouncerContext#options()}.
 *
 * @param excludedInterfaces {@code layer2.exclude-interfaces}: comma-separated regular expressions of interface
 *     names never answered on (whole-name match)
 * @param reannounce {@code layer2.reannounce-seconds}: period of the re-announcement of every owned address,
 *     default {@link #DEFAULT_REANNOUNCE} (0 turns it off). MetalLB #2910: switches age MAC table entries out
 *     (300 s on many) and a silent owner's traffic is then flooded or blackholed; re-announcing below that age
 *     keeps the entry fresh at a cost of two small broadcasts per address per period.
 * @param burstCount, burstInterval the gratuitous burst on gaining an address: MetalLB sends at once and then
 *     every 1.1 s for 5 s, so 5 rounds
 * @param rescan how often interfaces are listed again, so one that comes up (or goes down) is answered on
 *     (or left) without waiting for the next apply; MetalLB rescans every 10 s
 * @param sysClassNet where interfaces are listed ({@code /sys/class/net}; a directory of fakes in tests)
 * @param joinGroups whether to join solicited-node groups through the kernel (off with fake interfaces)
 * @param kernelResponder {@code layer2.kernel-responder}: {@code auto} (default) answers ARP, and neighbour
 *     solicitations of the usual shape, inside the kernel where it can
 *     (a tcx program per interface, Linux 6.6 and CAP_BPF; see {@code KernelNeighborResponder}) and in user space
 *     where it cannot; {@code off} always answers in user space. Other solicitations are answered in user space.
 */
public record Layer2Settings(List<Pattern> excludedInterfaces, Duration reannounce, int burstCount,
        Duration burstInterval, Duration rescan, Path sysClassNet, boolean joinGroups, boolean kernelResponder) {

    /** The option choosing where ARP is answered. */
    public static final String KERNEL_RESPONDER_OPTION = "layer2.kernel-responder";

    /** 240 s: below the 300 s MAC ageing time common to switches. */
    public static final Duration DEFAULT_REANNOUNCE = Duration.ofSeconds(240);

    public Layer2Settings {
        excludedInterfaces = List.copyOf(excludedInterfaces);
        Objects.requireNonNull(reannounce, "reannounce");
        Objects.requireNonNull(burstInterval, "burstInterval");
        if (rescan.isNegative() || rescan.isZero()) {
            throw new IllegalArgumentException("interface rescan period: " + rescan + " (expected: positive)");
        }
        Objects.requireNonNull(sysClassNet, "sysClassNet");
        if (burstCount < 1 || burstCount > 100) {
            throw new IllegalArgumentException("gratuitous burst count: " + burstCount + " (expected: 1..100)");
        }
    }

    /** Settings from the announcer options, MetalLB's defaults for the rest. */
    public static Layer2Settings from(Map<String, String> options) {
        String exclude = options.getOrDefault("layer2.exclude-interfaces", "");
        String seconds = options.getOrDefault("layer2.reannounce-seconds", String.valueOf(DEFAULT_REANNOUNCE.toSeconds()));
        long s;
        try {
            s = Long.parseLong(seconds.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer2.reannounce-seconds: \"" + seconds + "\" (expected: seconds, 0 = off)");
        }
        String kernelResponder = options.getOrDefault(KERNEL_RESPONDER_OPTION, "auto").strip();
        if (!kernelResponder.equals("auto") && !kernelResponder.equals("off")) {
            throw new IllegalArgumentException(KERNEL_RESPONDER_OPTION + ": \"" + kernelResponder + "\" (expected: auto or off)");
        }
        return new Layer2Settings(InterfaceScanner.patterns(exclude), Duration.ofSeconds(s), 5,
                Duration.ofMillis(1100), Duration.ofSeconds(10), Path.of(options.getOrDefault("layer2.sys-class-net", "/sys/class/net")), true,
                kernelResponder.equals("auto"));
    }
}
