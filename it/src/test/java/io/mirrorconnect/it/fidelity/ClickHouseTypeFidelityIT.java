package io.mirrorconnect.it.fidelity;

import io.mirrorconnect.it.fixtures.ClickHouseFixture;

/** The type-fidelity suite against clickhouse-sink → ClickHouse (two databases: soft and hard delete). */
class ClickHouseTypeFidelityIT extends TypeFidelityRun {
    @Override
    FidelityDestination startDestination() {
        return new ClickHouseFidelityDestination(peer(ClickHouseFixture.start()));
    }
}
