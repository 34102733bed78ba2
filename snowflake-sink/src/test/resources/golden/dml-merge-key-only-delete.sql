MERGE INTO "ANALYTICS"."raw"."Order Lines" AS t
USING (
    SELECT "c_1" AS "c_1", "m_version", "m_deleted", CURRENT_TIMESTAMP() AS "m_synced_at"
    FROM "mirror_stage_1"
    WHERE "m_group" = 2
    QUALIFY ROW_NUMBER() OVER (PARTITION BY "c_1" ORDER BY "m_version" DESC) = 1
) AS s
ON t."id" = s."c_1"
WHEN MATCHED AND (t."_PEERDB_VERSION" IS NULL OR s."m_version" > t."_PEERDB_VERSION") THEN UPDATE SET "_PEERDB_VERSION" = s."m_version", "_PEERDB_IS_DELETED" = s."m_deleted", "_PEERDB_SYNCED_AT" = s."m_synced_at"
WHEN NOT MATCHED THEN INSERT ("id", "_PEERDB_VERSION", "_PEERDB_IS_DELETED", "_PEERDB_SYNCED_AT")
    VALUES (s."c_1", s."m_version", s."m_deleted", s."m_synced_at")
