package io.mirrorconnect.it.demo;

import java.util.ArrayList;
import java.util.List;

/** Rows of strings as an aligned plain-text table (long cells shortened for the terminal, marked with "..."). */
final class TextTable {
    private static final int MAX_CELL = 40;

    private TextTable() {
    }

    static String format(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        for (List<String> r : rows) {
            all.add(r.stream().map(TextTable::cell).toList());
        }
        int[] width = new int[header.size()];
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < all.size(); n++) {
            List<String> r = all.get(n);
            sb.append("  ");
            for (int i = 0; i < r.size(); i++) {
                sb.append(String.format("%-" + width[i] + "s", r.get(i)));
                if (i < r.size() - 1) {
                    sb.append("  ");
                }
            }
            sb.append(System.lineSeparator());
            if (n == 0) {
                sb.append("  ");
                for (int i = 0; i < width.length; i++) {
                    sb.append("-".repeat(width[i])).append(i < width.length - 1 ? "  " : "");
                }
                sb.append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    private static String cell(String s) {
        if (s == null) {
            return "NULL";
        }
        String one = s.replace('\n', ' ');
        return one.length() > MAX_CELL ? one.substring(0, MAX_CELL - 3) + "..." : one;
    }
}
