CREATE TABLE IF NOT EXISTS `acme-analytics`.`crm_mirror`.`orders` (
  `order_id` INT64 NOT NULL,
  `line no` INT64 NOT NULL,
  `qty` INT64,
  `_PEERDB_VERSION` INT64,
  `_PEERDB_SYNCED_AT` TIMESTAMP
)
CLUSTER BY `order_id`, `line no`
