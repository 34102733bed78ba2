ALTER TABLE `mirror_db`.`public_orders`
    ADD COLUMN IF NOT EXISTS `note` Nullable(String),
    ADD COLUMN IF NOT EXISTS `we\`ird` Int32
