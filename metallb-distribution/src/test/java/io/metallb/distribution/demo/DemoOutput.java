package io.metallb.distribution.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's output read back: the rows of its two tables, each a map from column name to cell, so tests check
 * what a user reads.
 */
record DemoOutput(List<Map<String, String>> services, List<Map<String, String>> routes) {

    static DemoOutput parse(String out) {
        return new DemoOutput(table(out, "NAMESPACE"), table(out, "PREFIX"));
    }

    /** The rows under the header line starting with {@code first}, up to the next blank line. */
    private static List<Map<String, String>> table(String out, String first) {
        List<String> lines = out.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(first + " ")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new AssertionError("no table with header " + first + " in:\n" + out);
        }
        String[] columns = lines.get(header).split(" {3,}");
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = header + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
            String[] cells = lines.get(i).split(" {3,}");
            if (cells.length != columns.length) {
                throw new AssertionError("row of " + cells.length + " cells (expected: " + columns.length + "): "
                        + lines.get(i));
            }
            Map<String, String> row = new TreeMap<>();
            for (int c = 0; c < columns.length; c++) {
                row.put(columns[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The service row of {@code namespace/name}. */
    Map<String, String> service(String namespace, String name) {
        return services.stream().filter(r -> r.get("NAMESPACE").equals(namespace) && r.get("NAME").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + namespace + "/" + name));
    }

    /** The service's EXTERNAL-IP cell split at commas. */
    List<String> ips(String namespace, String name) {
        return List.of(service(namespace, name).get("EXTERNAL-IP").split(","));
    }
}
