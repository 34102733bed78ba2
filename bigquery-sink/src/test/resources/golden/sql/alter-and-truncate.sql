ALTER TABLE `acme-analytics`.`crm_mirror`.`orders` ADD COLUMN IF NOT EXISTS `price` NUMERIC;
ALTER TABLE `acme-analytics`.`crm_mirror`.`orders` ADD COLUMN IF NOT EXISTS `tags` ARRAY<STRING>;
ALTER TABLE `acme-analytics`.`crm_mirror`.`orders` ADD COLUMN IF NOT EXISTS `attrs` JSON;
TRUNCATE TABLE `acme-analytics`.`crm_mirror`.`orders`;
DELETE FROM `acme-analytics`.`crm_mirror`.`orders` WHERE `_PEERDB_VERSION` < @version;
