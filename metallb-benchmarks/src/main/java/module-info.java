/**
 * metallb-benchmarks: JMH and end-to-end benchmarks of the allocator and the BGP codec, against its exported API only. Run from
 * the shaded {@code target/benchmarks.jar} on the class path (see the pom for why).
 */
module io.metallb.benchmarks {
    requires io.metallb.allocator;
    requires io.metallb.bgp;
    requires jmh.core;
    requires java.management;

    // JMH's generated code instantiates the @State classes reflectively.
    opens io.metallb.benchmarks;
    opens io.metallb.benchmarks.jmh_generated;
}
