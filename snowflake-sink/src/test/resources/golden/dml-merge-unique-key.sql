MERGE INTO "ANALYTICS"."PUBLIC"."events" AS t
USING (
    SELECT "c_1" AS "c_1", "c_2" AS "c_2", "c_3" AS "c_3", "m_version", "m_deleted", CURRENT_TIMESTAMP() AS "m_synced_at"
    FROM "mirror_stage_1"
    WHERE "m_group" = 0
    QUALIFY ROW_NUMBER() OVER (PARTITION BY "c_1", "c_2" ORDER BY "m_version" DESC) = 1
) AS s
ON t."tenant" = s."c_1" AND t."id" = s."c_2"
WHEN MATCHED AND s."m_deleted" AND (t."_PEERDB_VERSION" IS NULL OR s."m_version" >= t."_PEERDB_VERSION") THEN DELETE
WHEN MATCHED AND (t."_PEERDB_VERSION" IS NULL OR s."m_version" >= t."_PEERDB_VERSION") THEN UPDATE SET "kind" = s."c_3", "_PEERDB_VERSION" = s."m_version", "_PEERDB_SYNCED_AT" = s."m_synced_at"
WHEN NOT MATCHED AND NOT s."m_deleted" THEN INSERT ("tenant", "id", "kind", "_PEERDB_VERSION", "_PEERDB_SYNCED_AT")
    VALUES (s."c_1", s."c_2", s."c_3", s."m_version", s."m_synced_at")
