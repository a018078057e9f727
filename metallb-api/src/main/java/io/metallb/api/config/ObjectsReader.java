package io.metallb.api.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a list of Kubernetes objects: picks the {@code metallb.io} ones, checks kind, version and name, sorts
 * each kind by name (as MetalLB's {@code toConfig} means to) and reads them kind by kind, BFD profiles and
 * Communities first since peers and advertisements refer to them.
 */
final class ObjectsReader {
    static final String GROUP = "metallb.io";
    /** Kinds in reading order, each with the versions served. */
    private static final Map<String, Set<String>> VERSIONS = Map.of(
            "BFDProfile", Set.of("v1beta1"),
            "Community", Set.of("v1beta1"),
            "IPAddressPool", Set.of("v1beta1"),
            "BGPPeer", Set.of("v1beta1", "v1beta2"),
            "L2Advertisement", Set.of("v1beta1"),
            "BGPAdvertisement", Set.of("v1beta1"));
    private static final List<String> ORDER = List.of(
            "BFDProfile", "Community", "IPAddressPool", "BGPPeer", "L2Advertisement", "BGPAdvertisement");
    static final String DEFAULT_NAMESPACE = "metallb-system";

    /** One object that passed the envelope checks; its spec is read later, in kind order. */
    private record Envelope(String kind, String version, String name, String namespace, Node metadata, Node spec) {
    }

    private ObjectsReader() {
    }

    static void read(List<?> objects, Problems problems, ParsedObjects out) {
        List<Envelope> envelopes = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Node node = new Node(problems, Dialect.CRD, "Object", "objects[" + i + "]", "", objects.get(i));
            if (node.present()) {
                envelope(node, problems).ifPresent(envelopes::add);
            }
        }
        envelopes.sort(Comparator.comparing(Envelope::name));
        for (String kind : ORDER) {
            String previous = null;
            for (Envelope e : envelopes) {
                if (!e.kind().equals(kind)) {
                    continue;
                }
                if (e.name().equals(previous)) {
                    e.metadata().fields().get("name").error("a second " + kind + " named \"" + e.name()
                            + "\" (expected: unique names per kind)");
                    continue;
                }
                previous = e.name();
                spec(e, out);
            }
        }
    }

    private static Optional<Envelope> envelope(Node node, Problems problems) {
        Fields top = node.fields();
        Optional<String> apiVersion = top.get("apiVersion").text();
        Optional<String> kind = top.get("kind").text();
        String group = apiVersion.map(v -> v.contains("/") ? v.substring(0, v.indexOf('/')) : "").orElse("");
        boolean ours = group.equals(GROUP) || (apiVersion.isEmpty() && kind.filter(VERSIONS::containsKey).isPresent());
        if (!ours) {
            return Optional.empty(); // a Service, a ConfigMap...: a whole multi-document file may be passed
        }
        Node metadata = top.get("metadata");
        Node nameNode = metadata.fields().get("name");
        Optional<String> name = nameNode.require("a name") ? nameNode.text() : Optional.empty();
        if (kind.isEmpty() || name.isEmpty()) {
            top.get("kind").require("a metallb.io kind");
            return Optional.empty();
        }
        String version = apiVersion.map(v -> v.substring(v.indexOf('/') + 1)).orElse("");
        Node named = new Node(problems, Dialect.CRD, kind.get(), name.get(), "", node.raw());
        Set<String> served = VERSIONS.get(kind.get());
        if (served == null) {
            named.child("kind", kind.get()).error("\"" + kind.get() + "\" is not a metallb.io kind (expected: one of "
                    + String.join(", ", ORDER) + ")");
            return Optional.empty();
        }
        if (!served.contains(version)) {
            named.child("apiVersion", apiVersion.orElse(null)).error(Node.describe(apiVersion.orElse(null))
                    + " (expected: " + GROUP + "/" + String.join(" or " + GROUP + "/", served.stream().sorted()
                    .toList()) + ")");
            return Optional.empty();
        }
        if (name.get().isEmpty()) {
            named.child("metadata.name", "").error("\"\" (expected: a non-empty name)");
            return Optional.empty();
        }
        Fields namedTop = named.fields();
        Node namedMetadata = namedTop.get("metadata");
        String namespace = namedMetadata.fields().get("namespace").text().orElse(DEFAULT_NAMESPACE);
        return Optional.of(new Envelope(kind.get(), version, name.get(), namespace, namedMetadata,
                namedTop.get("spec")));
    }

    private static void spec(Envelope e, ParsedObjects out) {
        Node spec = e.spec();
        Fields f = spec.fields();
        switch (e.kind()) {
            case "BFDProfile" -> BfdProfileReader.read(e.name(), f, spec).ifPresent(out.bfdProfiles::add);
            case "Community" -> CommunityReader.read(e.name(), f, spec, out.aliases).ifPresent(out.communities::add);
            case "IPAddressPool" -> {
                Map<String, String> labels = SelectorReader.labels(e.metadata().fields().get("labels"));
                PoolReader.read(e.name(), labels, f, spec, true)
                        .ifPresent(p -> out.pools.add(new Sourced<>(p, spec)));
            }
            case "BGPPeer" -> PeerReader.read(e.name(), e.namespace(), f, spec, e.version().equals("v1beta2"))
                    .ifPresent(p -> out.peers.add(new Sourced<>(p, spec)));
            case "L2Advertisement" -> AdvertisementReader.readL2(e.name(), f, spec)
                    .ifPresent(a -> out.l2Advertisements.add(new Sourced<>(a, spec)));
            case "BGPAdvertisement" -> AdvertisementReader.readBgp(e.name(), f, spec, out.aliases)
                    .ifPresent(a -> out.bgpAdvertisements.add(new Sourced<>(a, spec)));
            default -> throw new IllegalStateException("kind without a reader: " + e.kind());
        }
    }
}
