INSERT INTO "mirror_stage_1" ("c_1", "c_2", "c_3", "c_4", "c_5", "c_6", "c_7", "m_version", "m_deleted", "m_group")
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
