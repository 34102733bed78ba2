MERGE INTO "ANALYTICS"."raw"."Order Lines" AS t
USING (
    SELECT "c_1" AS "c_1", "c_2" AS "c_2", PARSE_JSON("c_3") AS "c_3", PARSE_JSON("c_4") AS "c_4", TO_BINARY("c_5", 'HEX') AS "c_5", "c_6" AS "c_6", "c_7" AS "c_7", "m_version", "m_deleted", CURRENT_TIMESTAMP() AS "m_synced_at"
    FROM "mirror_stage_1"
    WHERE "m_group" = 0
    QUALIFY ROW_NUMBER() OVER (PARTITION BY "c_1" ORDER BY "m_version" DESC) = 1
) AS s
ON t."id" = s."c_1"
WHEN MATCHED AND (t."_PEERDB_VERSION" IS NULL OR s."m_version" > t."_PEERDB_VERSION") THEN UPDATE SET "Order Lines" = s."c_2", "payload" = s."c_3", "tags" = s."c_4", "blob" = s."c_5", "amount" = s."c_6", "say ""hi""" = s."c_7", "_PEERDB_VERSION" = s."m_version", "_PEERDB_IS_DELETED" = s."m_deleted", "_PEERDB_SYNCED_AT" = s."m_synced_at"
WHEN NOT MATCHED THEN INSERT ("id", "Order Lines", "payload", "tags", "blob", "amount", "say ""hi""", "_PEERDB_VERSION", "_PEERDB_IS_DELETED", "_PEERDB_SYNCED_AT")
    VALUES (s."c_1", s."c_2", s."c_3", s."c_4", s."c_5", s."c_6", s."c_7", s."m_version", s."m_deleted", s."m_synced_at")
