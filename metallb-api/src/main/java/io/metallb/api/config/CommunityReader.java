package io.metallb.api.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code Community} spec, {@code communities: [{name, value}]}, and resolves the community strings of
 * advertisements: an alias name first, then a literal {@code a:b} or {@code large:a:b:c}, as MetalLB's
 * {@code getCommunityValue} does.
 */
final class CommunityReader {
    private CommunityReader() {
    }

    /** One Community object; an alias already defined by any Community is an error, as in MetalLB. */
    static Optional<Community> read(String name, Fields spec, Node origin, Map<String, BgpCommunity> known) {
        int before = origin.errorCount();
        Map<String, BgpCommunity> aliases = new LinkedHashMap<>();
        for (Node item : spec.get("communities").items()) {
            Fields f = item.fields();
            Node aliasNode = f.get("name");
            Node valueNode = f.get("value");
            f.finish();
            Optional<String> alias = aliasNode.require("an alias name") ? aliasNode.text() : Optional.empty();
            Optional<BgpCommunity> value = valueNode.require("a community") ? literal(valueNode) : Optional.empty();
            if (alias.isPresent() && value.isPresent()) {
                if (known.containsKey(alias.get()) || aliases.containsKey(alias.get())) {
                    aliasNode.error("alias \"" + alias.get() + "\" is already defined");
                } else {
                    aliases.put(alias.get(), value.get());
                }
            }
        }
        spec.finish();
        if (origin.errorCount() != before) {
            return Optional.empty();
        }
        known.putAll(aliases);
        return Optional.of(new Community(name, aliases));
    }

    /** A literal community value, or an error at {@code node}. */
    static Optional<BgpCommunity> literal(Node node) {
        return node.parsed(BgpCommunity::parse);
    }

    /** An advertisement's community string: an alias when one is defined under that name, else a literal. */
    static Optional<BgpCommunity> resolve(Node node, String text, Map<String, BgpCommunity> aliases) {
        BgpCommunity aliased = aliases.get(text);
        if (aliased != null) {
            return Optional.of(aliased);
        }
        if (!text.contains(":")) {
            node.error("\"" + text + "\" is not a defined Community alias nor a community value"
                    + " (expected: an alias, a:b or large:a:b:c)");
            return Optional.empty();
        }
        return literal(node);
    }
}
