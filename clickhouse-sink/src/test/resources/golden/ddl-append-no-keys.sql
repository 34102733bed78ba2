CREATE TABLE IF NOT EXISTS `events`
(
    `payload` String
)
ENGINE = MergeTree
ORDER BY tuple()
