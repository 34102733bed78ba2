package io.mirrorconnect.it.fidelity;

import io.mirrorconnect.it.fixtures.FakesnowFixture;

/**
 * The type-fidelity suite against snowflake-sink → fakesnow, the Snowflake test server (two databases: soft and
 * hard delete); what fakesnow cannot hold is in {@link SnowflakeRepresentation#fakesnow()} and
 * docs/type-fidelity.md.
 */
class SnowflakeTypeFidelityIT extends TypeFidelityRun {
    @Override
    FidelityDestination startDestination() {
        return new SnowflakeFidelityDestination(peer(FakesnowFixture.start()));
    }
}
