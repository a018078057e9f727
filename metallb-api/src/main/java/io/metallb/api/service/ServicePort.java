package io.metallb.api.service;

import java.util.Objects;

/** One port of a Service: protocol and port number. Two services may share an IP only on disjoint ports. */
public record ServicePort(Protocol protocol, int port) implements Comparable<ServicePort> {

    /** The Kubernetes port protocols. */
    public enum Protocol { TCP, UDP, SCTP }

    public ServicePort {
        Objects.requireNonNull(protocol, "protocol");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
    }

    public static ServicePort tcp(int port) {
        return new ServicePort(Protocol.TCP, port);
    }

    public static ServicePort udp(int port) {
        return new ServicePort(Protocol.UDP, port);
    }

    @Override
    public int compareTo(ServicePort o) {
        int c = protocol.compareTo(o.protocol);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        return protocol + "/" + port;
    }
}
