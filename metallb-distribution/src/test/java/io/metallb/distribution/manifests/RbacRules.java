package io.metallb.distribution.manifests;

import static io.metallb.distribution.manifests.Manifests.at;
import static io.metallb.distribution.manifests.Manifests.list;
import static io.metallb.distribution.manifests.Manifests.map;
import static io.metallb.distribution.manifests.Manifests.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RBAC rules granted to one ServiceAccount by the manifests: a ClusterRoleBinding's rules hold in every
 * namespace and for cluster-scoped resources, a RoleBinding's only in its namespace.
 */
final class RbacRules {

    /** One rule of one role, and where it holds (empty: everywhere). */
    record Grant(String role, Optional<String> namespace, List<String> groups, List<String> resources,
            List<String> verbs, List<String> names) {

        boolean allows(ApiCall call) {
            return allows(call, call.verb(), call.resource());
        }

        /** Whether this grant lets {@code call} through as {@code verb} on {@code resource}. */
        boolean allows(ApiCall call, String verb, String resource) {
            return call.verb().equals(verb) && call.resource().equals(resource)
                    && (namespace.isEmpty() || namespace.equals(call.namespace()))
                    && (groups.contains(call.group()) || groups.contains("*"))
                    && (resources.contains(resource) || resources.contains("*"))
                    && (verbs.contains(verb) || verbs.contains("*"))
                    && (names.isEmpty() || call.name().filter(names::contains).isPresent());
        }
    }

    private final List<Grant> grants;

    private RbacRules(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    /** What the ServiceAccount {@code namespace/name} may do. */
    static RbacRules of(Manifests manifests, String namespace, String serviceAccount) {
        List<Grant> grants = new ArrayList<>();
        for (String bindingKind : List.of("ClusterRoleBinding", "RoleBinding")) {
            for (Map<String, Object> binding : manifests.ofKind(bindingKind)) {
                boolean bound = list(binding.get("subjects")).stream().map(Manifests::map).anyMatch(s ->
                        "ServiceAccount".equals(s.get("kind")) && serviceAccount.equals(s.get("name"))
                                && namespace.equals(s.get("namespace")));
                if (!bound) {
                    continue;
                }
                Optional<String> where = bindingKind.equals("RoleBinding")
                        ? Optional.of(text(at(binding, "metadata", "namespace"))) : Optional.empty();
                String roleKind = text(at(binding, "roleRef", "kind"));
                String roleName = text(at(binding, "roleRef", "name"));
                Map<String, Object> role = manifests.get(roleKind, roleName);
                for (Object r : list(role.get("rules"))) {
                    Map<String, Object> rule = map(r);
                    grants.add(new Grant(roleKind + " " + roleName, where, strings(rule.get("apiGroups")),
                            strings(rule.get("resources")), strings(rule.get("verbs")),
                            strings(rule.get("resourceNames"))));
                }
            }
        }
        if (grants.isEmpty()) {
            throw new AssertionError("no RBAC rule is bound to ServiceAccount " + namespace + "/" + serviceAccount);
        }
        return new RbacRules(grants);
    }

    List<Grant> grants() {
        return grants;
    }

    boolean allows(ApiCall call) {
        return grants.stream().anyMatch(g -> g.allows(call));
    }

    /**
     * Each (verb, resource) a rule grants that no call in {@code calls} needed, as {@code "verb resource (role)"},
     * resources written {@code group/resource} (the core group without a prefix).
     */
    List<String> unused(Collection<ApiCall> calls) {
        List<String> unused = new ArrayList<>();
        for (Grant g : grants) {
            for (String resource : g.resources()) {
                for (String verb : g.verbs()) {
                    if (calls.stream().noneMatch(c -> g.allows(c, verb, resource))) {
                        String group = g.groups().get(0);
                        unused.add(verb + " " + (group.isEmpty() ? "" : group + "/") + resource + " (" + g.role()
                                + ")");
                    }
                }
            }
        }
        return unused;
    }

    private static List<String> strings(Object o) {
        return list(o).stream().map(String::valueOf).toList();
    }
}
