package io.metallb.api.config;

import java.util.Map;

/**
 * The two spellings of the same settings: the CRDs' camelCase ({@code myASN}) and the legacy v0.12 ConfigMap's
 * kebab-case ({@code my-asn}). Readers ask for CRD names; the legacy dialect translates. The legacy format also
 * differs in strictness: v0.12 used {@code yaml.UnmarshalStrict}, so an unknown key is an error there, while the
 * API server prunes unknown CRD fields, so for objects it is only a warning.
 */
enum Dialect {
    CRD,
    LEGACY;

    /** The legacy names that are not plain camelCase-to-kebab-case conversions. */
    private static final Map<String, String> LEGACY_EXCEPTIONS = Map.of(
            "myASN", "my-asn",
            "peerASN", "peer-asn",
            "routerID", "router-id",
            "ebgpMultiHop", "ebgp-multihop",
            "avoidBuggyIPs", "avoid-buggy-ips",
            "localPref", "localpref",
            "aggregationLengthV6", "aggregation-length-v6");

    /** The key under which this dialect spells the CRD field {@code crdName}. */
    String key(String crdName) {
        if (this == CRD) {
            return crdName;
        }
        String special = LEGACY_EXCEPTIONS.get(crdName);
        if (special != null) {
            return special;
        }
        StringBuilder sb = new StringBuilder();
        for (char ch : crdName.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('-').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** v0.12 read some numbers from quoted YAML, so {@code my-asn: "64512"} must keep working. */
    boolean acceptsNumericStrings() {
        return this == LEGACY;
    }

    boolean unknownKeysAreErrors() {
        return this == LEGACY;
    }
}
