CREATE TABLE IF NOT EXISTS `acme-analytics`.`crm_mirror`.`orders` (
  `id` INT64,
  `name` STRING,
  `notes` STRING,
  `blob` BYTES,
  `_PEERDB_VERSION` INT64,
  `_PEERDB_SYNCED_AT` TIMESTAMP
)
