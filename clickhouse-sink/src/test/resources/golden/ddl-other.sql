TRUNCATE TABLE IF EXISTS `mirror_db`.`public_orders`
CREATE DATABASE IF NOT EXISTS `mirror db`
