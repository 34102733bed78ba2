INSERT INTO `mirror_db`.`public_orders` (`id`, `Order Date`, `_PEERDB_VERSION`) FORMAT RowBinary
