ALTER TABLE `db`.`orders`
    ADD COLUMN IF NOT EXISTS `qty` Int32