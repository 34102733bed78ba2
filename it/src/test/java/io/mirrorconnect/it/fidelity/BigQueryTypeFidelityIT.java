package io.mirrorconnect.it.fidelity;

import io.mirrorconnect.it.fixtures.BigQueryEmulatorFixture;

/**
 * The type-fidelity suite against bigquery-sink → bqemulator (two datasets: soft and hard delete). Emulator
 * workarounds (test set-up only) and what stays untested: docs/bigquery-sink.md.
 */
class BigQueryTypeFidelityIT extends TypeFidelityRun {
    @Override
    FidelityDestination startDestination() {
        return new BigQueryFidelityDestination(peer(BigQueryEmulatorFixture.start()));
    }
}
