SELECT `tenant`, `id`, `note` FROM `mirror_db`.`public_orders` FINAL WHERE (`tenant`, `id`) IN (('it\'s', 1), ('back\\slash', 2))
SELECT `id` FROM `t` FINAL WHERE `id` IN ('123e4567-e89b-12d3-a456-426614174000', 1.50)
