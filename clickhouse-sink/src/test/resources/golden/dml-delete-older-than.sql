DELETE FROM `mirror_db`.`public_orders` WHERE `_PEERDB_VERSION` < {version:UInt64}
