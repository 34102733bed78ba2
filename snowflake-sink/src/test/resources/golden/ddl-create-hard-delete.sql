CREATE TABLE IF NOT EXISTS "ANALYTICS"."raw"."Order Lines" (
    "id" NUMBER(10,0) NOT NULL,
    "Order Lines" VARCHAR,
    "payload" VARIANT,
    "tags" ARRAY,
    "blob" BINARY,
    "amount" NUMBER(12,2),
    "say ""hi""" TIMESTAMP_TZ(6),
    "_PEERDB_VERSION" NUMBER(20,0),
    "_PEERDB_SYNCED_AT" TIMESTAMP_TZ(9)
)
