SELECT `tenant`, `id`, `note`, `_PEERDB_VERSION` FROM `mirror_db`.`public_orders` FINAL WHERE (`tenant`, `id`) IN (({k0_0:String}, {k0_1:Int64}), ({k1_0:String}, {k1_1:Int64}))
SELECT `id`, `name` FROM `mirror_db`.`users` FINAL WHERE `id` IN ({k0_0:UUID}, {k1_0:UUID}, {k2_0:UUID})
