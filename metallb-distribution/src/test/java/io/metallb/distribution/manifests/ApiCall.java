package io.metallb.distribution.manifests;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One request to the Kubernetes API as RBAC sees it: verb, API group, resource (with {@code /subresource}),
 * namespace (empty for a cluster-scoped call) and object name (empty for a collection; for a list or watch with
 * {@code fieldSelector=metadata.name=X}, X, which RBAC also matches against {@code resourceNames}).
 */
record ApiCall(String verb, String group, String resource, Optional<String> namespace, Optional<String> name) {

    /**
     * From an HTTP method and request path, as the API server's request-info resolver does:
     * <pre>
     *   /api/v1/[namespaces/NS/]RESOURCE[/NAME[/SUBRESOURCE]]
     *   /apis/GROUP/VERSION/[namespaces/NS/]RESOURCE[/NAME[/SUBRESOURCE]]
     * </pre>
     * GET is get with a name, else list, or watch with {@code watch=true}; POST create, PUT update, PATCH patch,
     * DELETE delete (deletecollection without a name).
     */
    static ApiCall parse(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        String group;
        List<String> rest;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            throw new IllegalArgumentException("not a resource request: " + method + " " + pathAndQuery);
        }
        Optional<String> namespace = Optional.empty();
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            namespace = Optional.of(rest.get(1));
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        Optional<String> name = rest.size() >= 2 ? Optional.of(rest.get(1)) : Optional.empty();
        if (rest.size() >= 3) {
            resource += "/" + rest.get(2);
        }
        boolean watch = false;
        for (String param : query.split("&")) {
            String decoded = URLDecoder.decode(param, StandardCharsets.UTF_8);
            if (decoded.equals("watch=true")) {
                watch = true;
            } else if (decoded.startsWith("fieldSelector=metadata.name=") && name.isEmpty()) {
                name = Optional.of(decoded.substring("fieldSelector=metadata.name=".length()));
            }
        }
        String verb = switch (method) {
            case "GET" -> watch ? "watch" : rest.size() >= 2 ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> rest.size() >= 2 ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("unexpected method: " + method + " " + pathAndQuery);
        };
        return new ApiCall(verb, group, resource, namespace, name);
    }

    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "" : group + "/") + resource
                + namespace.map(n -> " in " + n).orElse(" (cluster)") + name.map(n -> " name=" + n).orElse("");
    }
}
