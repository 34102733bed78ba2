package io.mirrorconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;

class TruncateLedgerTest {
    static final TableId A = TableId.of(null, "a");
    static final TableId B = TableId.of(null, "b");

    @Test
    void aCopyOfAnAppliedTruncateIsSkippedUntilAnOlderRowIsWritten() {
        TruncateLedger ledger = new TruncateLedger();
        assertThat(ledger.needed(A, 20)).isTrue();
        ledger.applied(A, 20);
        assertThat(ledger.needed(A, 20)).as("second partition's copy, nothing written since").isFalse();
        ledger.written(A, 20);
        ledger.written(A, 25);
        assertThat(ledger.needed(A, 20)).as("rows at or after the truncate do not undo it").isFalse();
        ledger.written(A, 19);
        assertThat(ledger.needed(A, 20)).as("a row older than the truncate was written: delete again").isTrue();
    }

    @Test
    void tablesAndVersionsAreSeparate() {
        TruncateLedger ledger = new TruncateLedger();
        ledger.applied(A, 20);
        assertThat(ledger.needed(B, 20)).isTrue();
        assertThat(ledger.needed(A, 30)).as("a later truncate").isTrue();
        ledger.written(B, 1);
        assertThat(ledger.needed(A, 20)).isFalse();
        ledger.clear();
        assertThat(ledger.needed(A, 20)).as("after a rebalance nothing is assumed").isTrue();
    }
}
