package io.mirrorconnect.it.fidelity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * What clickhouse-sink writes for each Postgres value (docs/clickhouse-types.md; the ClickHouse column of
 * docs/type-fidelity.md). Exact everywhere except:
 * <ul>
 *   <li>a NULL array is {@code []} and a NULL hstore is {@code {}} ({@code Array}/{@code Map} cannot be Nullable in
 *       ClickHouse; the sink's default, documented as lossy);</li>
 *   <li>a date/timestamp/timestamptz (also as an array element) outside 1900-01-01 .. 2299-12-31 23:59:59.999999
 *       ({@code Date32}/{@code DateTime64}'s range) cannot be held: the row is rejected to the dead-letter
 *       queue with an error naming the column.</li>
 * </ul>
 * Textual types are held as their exact text ({@code String}), numbers exactly ({@code Decimal(p,s)}, or the exact
 * text for {@code numeric(p,s)} with p &gt; 76 and unbounded numeric), {@code time} as {@code HH:MM:SS.ffffff}.
 */
public final class ClickHouseRepresentation implements Representation {
    static final LocalDateTime MIN = LocalDate.of(1900, 1, 1).atStartOfDay();
    static final LocalDateTime MAX = LocalDateTime.of(2299, 12, 31, 23, 59, 59, 999_999_000);

    @Override
    public Expected expect(Column column, Object value) {
        if (column.isArray() && value == null) {
            return Expected.value(List.of());
        }
        if (column.kind() == ValueKind.HSTORE && value == null) {
            return Expected.value(Map.of());
        }
        String outside = outsideRange(column.kind(), value);
        if (outside != null) {
            return Expected.rejected(outside + " is outside ClickHouse's Date32/DateTime64 range 1900-01-01..2299-12-31");
        }
        return Expected.value(value);
    }

    /** The first date/time value (or element) outside 1900-01-01..2299-12-31, or null. */
    static String outsideRange(ValueKind kind, Object value) {
        if (value instanceof List<?> list) {
            for (Object e : list) {
                String bad = outsideRange(kind, e);
                if (bad != null) {
                    return bad;
                }
            }
            return null;
        }
        if (!(value instanceof String s)) {
            return null;
        }
        LocalDateTime t;
        switch (kind) {
            case DATE:
                t = ((LocalDate) kind.normalize(s)).atStartOfDay();
                break;
            case TIMESTAMP:
                t = (LocalDateTime) kind.normalize(s);
                break;
            case TIMESTAMPTZ:
                t = LocalDateTime.ofInstant((Instant) kind.normalize(s), ZoneOffset.UTC);
                break;
            default:
                return null;
        }
        return t.isBefore(MIN) || t.isAfter(MAX) ? s : null;
    }
}
