package io.metallb.distribution.demo;

import io.metallb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The demo's two tables, laid out as {@code kubectl get} lays out its own: left-aligned, three spaces apart. */
final class DemoReport {

    static final List<String> SERVICE_COLUMNS = List.of("NAMESPACE", "NAME", "TYPE", "EXTERNAL-IP", "POOL",
            "ANNOUNCED BY");
    static final List<String> ROUTE_COLUMNS = List.of("PREFIX", "NEXT HOP", "LOCAL PREF", "COMMUNITIES", "FROM");

    private DemoReport() {
    }

    /**
     * One row per service: EXTERNAL-IP comma-separated, ANNOUNCED BY {@code layer2: NODE} and/or
     * {@code bgp: NODES}.
     */
    static String services(Observation seen, Map<String, IpAddress> nodes) {
        List<List<String>> rows = new ArrayList<>();
        for (Observation.ServiceRow r : seen.rows()) {
            List<String> by = new ArrayList<>();
            if (!r.l2Owners().isEmpty()) {
                by.add("layer2: " + String.join(",", r.l2Owners().stream().sorted().toList()));
            }
            if (!r.bgpNodes().isEmpty()) {
                by.add("bgp: " + String.join(",", r.bgpNodes().stream().sorted().toList()));
            }
            rows.add(List.of(r.key().namespace(), r.key().name(), r.type(),
                    r.externalIps().isEmpty() ? "<pending>" : String.join(",", r.externalIps()),
                    r.pool().isEmpty() ? "<none>" : r.pool(), by.isEmpty() ? "<none>" : String.join("; ", by)));
        }
        return table(SERVICE_COLUMNS, rows);
    }

    /** One row per route: FROM is the node and the BGP identifier of its OPEN. */
    static String routes(Observation seen, Map<String, IpAddress> nodes) {
        List<List<String>> rows = new ArrayList<>();
        for (ReceivedRoute r : seen.routes()) {
            rows.add(List.of(r.prefix().toString(), r.nextHop().toString(),
                    r.localPref().isPresent() ? Long.toString(r.localPref().getAsLong()) : "-",
                    r.communities().isEmpty() ? "-" : String.join(" ", r.communities()),
                    Observation.node(r, nodes) + " (id " + r.from().bgpId() + ", AS " + r.from().asn() + ")"));
        }
        return table(ROUTE_COLUMNS, rows);
    }

    static String table(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (List<String> row : concat(header, rows)) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : concat(header, rows)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(width[i] - row.get(i).length() + 3));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
