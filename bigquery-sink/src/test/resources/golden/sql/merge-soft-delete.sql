BEGIN TRANSACTION;
MERGE `acme-analytics`.`crm_mirror`.`orders` AS T
USING (
  SELECT * FROM `acme-analytics`.`crm_mirror`.`_mc_staging_crm_0000_t0_orders_ab12` WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (PARTITION BY `c0` ORDER BY `_mc_version` DESC, `_mc_seq` DESC) = 1
) AS S
ON T.`id` = S.`c0`
WHEN MATCHED AND S.`_mc_group` = 0 AND S.`_mc_version` > COALESCE(T.`_PEERDB_VERSION`, -1) THEN
  UPDATE SET `name` = S.`c1`, `notes` = S.`c2`, `blob` = S.`c3`, `_PEERDB_VERSION` = S.`_mc_version`, `_PEERDB_IS_DELETED` = S.`_mc_deleted`, `_PEERDB_SYNCED_AT` = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN
  INSERT (`id`, `name`, `notes`, `blob`, `_PEERDB_VERSION`, `_PEERDB_IS_DELETED`, `_PEERDB_SYNCED_AT`)
  VALUES (S.`c0`, S.`c1`, S.`c2`, S.`c3`, S.`_mc_version`, S.`_mc_deleted`, CURRENT_TIMESTAMP());
COMMIT TRANSACTION;
