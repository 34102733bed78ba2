CREATE TABLE IF NOT EXISTS `mirror_db`.`public_orders`
(
    `id` Int64,
    `tenant` String,
    `Order Date` Nullable(Date32),
    `amount` Nullable(Decimal(12, 2)),
    `tags` Array(Nullable(String)),
    `_PEERDB_VERSION` UInt64,
    `_PEERDB_IS_DELETED` UInt8,
    `_PEERDB_SYNCED_AT` DateTime64(9) DEFAULT now64(9)
)
ENGINE = ReplacingMergeTree(`_PEERDB_VERSION`, `_PEERDB_IS_DELETED`)
ORDER BY (`id`)
