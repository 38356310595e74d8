package io.tender.core.internal.sales;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lists of ids and counts per id as the store keeps them in one column: comma-separated, which is
 * safe because ids are letters, digits, '-' and '_' only.
 */
final class IdLists {

    private IdLists() {
    }

    static String join(List<String> ids) {
        return String.join(",", ids);
    }

    static List<String> split(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split(","));
    }

    static String joinCounts(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    static Map<String, Integer> splitCounts(String column) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Arrays.stream(column == null || column.isEmpty() ? new String[0] : column.split(",")).forEach(pair -> {
            int colon = pair.lastIndexOf(':');
            counts.put(pair.substring(0, colon), Integer.parseInt(pair.substring(colon + 1)));
        });
        return counts;
    }
}
