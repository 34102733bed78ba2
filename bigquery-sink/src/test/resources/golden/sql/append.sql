BEGIN TRANSACTION;
INSERT INTO `acme-analytics`.`crm_mirror`.`orders` (`id`, `name`, `notes`, `blob`, `_PEERDB_VERSION`, `_PEERDB_SYNCED_AT`)
SELECT `c0`, `c1`, `c2`, `c3`, `_mc_version`, CURRENT_TIMESTAMP()
FROM `acme-analytics`.`crm_mirror`.`_mc_staging_crm_0000_t0_orders_ab12`;
COMMIT TRANSACTION;
