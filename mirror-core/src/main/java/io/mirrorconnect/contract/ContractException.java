package io.mirrorconnect.contract;

import org.apache.kafka.connect.errors.DataException;

/** A record that does not follow the record contract (docs/record-contract.md). Never retried. */
public class ContractException extends DataException {
    private static final long serialVersionUID = 1L;

    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
