INSERT INTO "TEST_DB"."public"."users" ("id", "Order Lines", "payload", "tags", "blob", "amount", "say ""hi""")
SELECT "c_1" AS "c_1", "c_2" AS "c_2", PARSE_JSON("c_3") AS "c_3", PARSE_JSON("c_4") AS "c_4", TO_BINARY("c_5", 'HEX') AS "c_5", "c_6" AS "c_6", "c_7" AS "c_7"
FROM "mirror_stage_1"
