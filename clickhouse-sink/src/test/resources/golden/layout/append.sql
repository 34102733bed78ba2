CREATE TABLE IF NOT EXISTS `db`.`orders`
(
    `id` Int64,
    `Order Date` Nullable(String),
    `qty` Int32,
    `_PEERDB_IS_DELETED` UInt8,
    `_PEERDB_SYNCED_AT` DateTime64(9) DEFAULT now64(9)
)
ENGINE = MergeTree
ORDER BY tuple()