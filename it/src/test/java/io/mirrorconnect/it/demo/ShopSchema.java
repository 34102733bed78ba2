package io.mirrorconnect.it.demo;

import java.util.List;

/**
 * The demo's Postgres side: a small shop (customers, orders) and the live changes made once the mirror runs.
 * Every statement is fixed SQL; nothing is built from input.
 */
final class ShopSchema {
    static final int CUSTOMERS = 500;
    static final int ORDERS = 5000;
    /** Orders whose {@code notes} are large enough (about 6 KB, incompressible) to be TOASTed out of line. */
    static final String TOASTED = "id % 1000 = 0";

    /** The rows the live changes touch, shown from ClickHouse afterwards. */
    static final List<Long> CHANGED_ORDERS = List.of(7L, 42L, 1000L, 5001L, 5002L);

    private ShopSchema() {
    }

    static List<String> create() {
        return create(CUSTOMERS, ORDERS);
    }

    /** A shop of another size (at least 1000 orders: the changes touch order 1000, the first TOASTed one). */
    static List<String> create(int customers, int orders) {
        return List.of(
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL,"
                        + " signed_up_at timestamptz NOT NULL)",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,"
                        + " status text NOT NULL, amount numeric(12,2) NOT NULL, details jsonb,"
                        + " ordered_at timestamptz NOT NULL, notes text)",
                "INSERT INTO customers SELECT g, 'Customer ' || g, 'customer' || g || '@example.com',"
                        + " timestamptz '2024-01-01 00:00:00+00' + g * interval '7 hours'"
                        + " FROM generate_series(1, " + customers + ") g",
                "INSERT INTO orders SELECT g, 1 + g % " + customers + ","
                        + " (ARRAY['new', 'paid', 'shipped', 'delivered'])[1 + g % 4], round((g * 7.31) % 500, 2),"
                        + " jsonb_build_object('items', 1 + g % 5, 'channel', CASE WHEN g % 3 = 0 THEN 'app' ELSE 'web' END),"
                        + " timestamptz '2025-01-01 00:00:00+00' + g * interval '13 minutes',"
                        + " CASE WHEN g % 1000 = 0 THEN (SELECT string_agg(md5(g::text || '-' || x), '')"
                        + " FROM generate_series(1, 200) x) ELSE 'note ' || g END"
                        + " FROM generate_series(1, " + orders + ") g");
    }

    /** The live changes, each a step shown to the reader: (description, SQL). */
    static List<String[]> changes() {
        return List.of(
                new String[] {"insert order 5001",
                        "INSERT INTO orders VALUES (5001, 17, 'new', 99.95, '{\"items\": 3, \"channel\": \"app\"}',"
                                + " now(), 'gift wrap, please')"},
                new String[] {"update order 42 (status -> refunded, amount -> 0)",
                        "UPDATE orders SET status = 'refunded', amount = 0 WHERE id = 42"},
                new String[] {"delete order 7",
                        "DELETE FROM orders WHERE id = 7"},
                new String[] {"update order 1000, leaving its TOASTed notes unchanged",
                        "UPDATE orders SET status = 'returned' WHERE id = 1000"},
                new String[] {"ALTER TABLE orders ADD COLUMN coupon text",
                        "ALTER TABLE orders ADD COLUMN coupon text"},
                new String[] {"insert order 5002 using the new column",
                        "INSERT INTO orders VALUES (5002, 42, 'paid', 12.50, '{\"items\": 1}', now(), 'first order',"
                                + " 'WELCOME10')"});
    }
}
