CREATE TEMPORARY TABLE "mirror_stage_1" (
    "c_1" NUMBER(10,0),
    "c_2" VARCHAR,
    "c_3" VARCHAR,
    "c_4" VARCHAR,
    "c_5" VARCHAR,
    "c_6" NUMBER(12,2),
    "c_7" TIMESTAMP_TZ(6),
    "m_version" NUMBER(20,0),
    "m_deleted" BOOLEAN,
    "m_group" NUMBER(10,0)
);
DROP TABLE IF EXISTS "mirror_stage_1";
