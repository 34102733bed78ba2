package io.mirrorconnect.ddl.analyzer;

import static io.mirrorconnect.ddl.analyzer.SqlFixture.bare;
import static io.mirrorconnect.ddl.analyzer.SqlFixture.sql;

import org.junit.jupiter.api.Test;

/** One test per validation rule: the message and the caret position of each error. */
class ValidationErrorTest {
    private static final String CDC = "CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.a:a) ";
    private static final String QREP = "CREATE MIRROR q FROM pg TO ch FOR $$ SELECT * FROM t WHERE id BETWEEN"
            + " {{.start}} AND {{.end}} $$ ";
    private static final String QREP_REQUIRED = "destination_table_name = 't', watermark_column = 'id',"
            + " watermark_table_name = 'public.t', num_rows_per_partition = 1000";

    @Test
    void unknownMirrorOptionSuggestsTheClosest() {
        sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (a.b:d) WITH (^do_inital_copy^ = true)")
                .fails("unknown option 'do_inital_copy' in CREATE MIRROR m; did you mean 'do_initial_copy'?");
    }

    @Test
    void theBriefsExample() {
        // c.d is also a schema-qualified ClickHouse target (reported second).
        sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (a.b:c.d) WITH (^do_inital_copy^ = true)")
                .failsFirst("unknown option 'do_inital_copy' in CREATE MIRROR m; did you mean 'do_initial_copy'?");
    }

    @Test
    void unknownOptionWithoutCloseMatch() {
        sql(CDC + "WITH (do_initial_copy = true, ^colour^ = 'blue')")
                .fails("unknown option 'colour' in CREATE MIRROR m");
    }

    @Test
    void unknownPeerOptionSuggestsTheClosest() {
        bare("CREATE PEER p FROM POSTGRES WITH (host = 'h', ^prot^ = 5432, port = 1, user = 'u', password = 'p',"
                + " database = 'd')")
                .fails("unknown option 'prot' in CREATE PEER p; did you mean 'port'?");
    }

    @Test
    void knownButUnsupportedPeerDbOption() {
        bare("CREATE PEER p FROM POSTGRES WITH (host = 'h', port = 1, user = 'u', password = 'p', database = 'd',"
                + " ^require_tls^ = true)")
                .fails("option 'require_tls' in CREATE PEER p is not supported by Mirror Connect: use sslmode ="
                        + " 'require' (or verify-ca / verify-full with root_ca)");
    }

    @Test
    void optionGivenTwice() {
        sql(CDC + "WITH (do_initial_copy = true, ^DO_INITIAL_COPY^ = false)")
                .fails("option 'do_initial_copy' given twice in CREATE MIRROR m");
    }

    @Test
    void booleanOptionWithWrongType() {
        sql(CDC + "WITH (do_initial_copy = ^'yes'^)")
                .fails("option 'do_initial_copy' in CREATE MIRROR m expects a boolean (true or false), got a"
                        + " string 'yes'");
    }

    @Test
    void integerOptionWithWrongType() {
        sql(CDC + "WITH (do_initial_copy = true, max_batch_size = ^lots^)")
                .fails("option 'max_batch_size' in CREATE MIRROR m expects an integer, got an identifier 'lots'");
    }

    @Test
    void integerOutOfRange() {
        sql(CDC + "WITH (do_initial_copy = true, snapshot_max_parallel_workers = ^0^)")
                .fails("option 'snapshot_max_parallel_workers' in CREATE MIRROR m must be between 1 and 1024,"
                        + " got 0");
    }

    @Test
    void portOutOfRange() {
        bare("CREATE PEER p FROM CLICKHOUSE WITH (host = 'h', port = ^70000^, user = 'u', database = 'd')")
                .fails("option 'port' in CREATE PEER p must be between 1 and 65535, got 70000");
    }

    @Test
    void enumOptionWithUnknownValue() {
        bare("CREATE PEER p FROM POSTGRES WITH (host = 'h', port = 1, user = 'u', password = 'p', database = 'd',"
                + " sslmode = ^'strict'^)")
                .fails("option 'sslmode' in CREATE PEER p must be one of disable, allow, prefer, require,"
                        + " verify-ca, verify-full, got 'strict'");
    }

    @Test
    void placeholderWhereTheCompilerNeedsTheValue() {
        sql(CDC + "WITH (do_initial_copy = true, sync_interval = ^'${env:SYNC}'^)")
                .fails("option 'sync_interval' in CREATE MIRROR m cannot be a config-provider reference: the"
                        + " compiler needs its value");
    }

    @Test
    void requiredStringMustNotBeEmpty() {
        bare("CREATE PEER p FROM CLICKHOUSE WITH (host = ^''^, port = 8123, user = 'u', database = 'd')")
                .fails("option 'host' in CREATE PEER p must not be empty");
    }

    @Test
    void integersMayBeWrittenAsStrings() {
        bare("CREATE PEER p FROM CLICKHOUSE WITH (host = 'h', port = '8123', user = 'u', database = 'd')").ok();
    }

    @Test
    void droppedPeerIsUnknownAfterwards() {
        sql("DROP PEER ch;\nCREATE MIRROR m FROM pg TO ^ch^ WITH TABLE MAPPING (public.a:a)"
                + " WITH (do_initial_copy = true)")
                .fails("unknown peer 'ch' in CREATE MIRROR m (define it with CREATE PEER in this or an earlier file)");
    }

    @Test
    void missingRequiredMirrorOption() {
        sql("CREATE MIRROR ^m^ FROM pg TO ch WITH TABLE MAPPING (public.a:a) WITH (soft_delete = true)")
                .fails("CREATE MIRROR m is missing required option 'do_initial_copy'");
    }

    @Test
    void missingRequiredPeerOption() {
        bare("CREATE PEER ^p^ FROM POSTGRES WITH (host = 'h', port = 1, user = 'u', database = 'd')")
                .fails("CREATE PEER p is missing required option 'password'");
    }

    @Test
    void snowflakeNeedsPrivateKeyOrPassword() {
        bare("CREATE PEER ^sf^ FROM SNOWFLAKE WITH (account_id = 'a', username = 'u', database = 'd',"
                + " warehouse = 'w', role = 'r')")
                .fails("CREATE PEER sf needs private_key (key-pair authentication) or password");
    }

    @Test
    void unknownPeerType() {
        bare("CREATE PEER p FROM ^mysql^ WITH (host = 'h')")
                .fails("unknown peer type 'MYSQL' in CREATE PEER p: expected one of POSTGRES, BIGQUERY,"
                        + " SNOWFLAKE, CLICKHOUSE");
    }

    @Test
    void clickhouseNativePortIsAWarning() {
        bare("CREATE PEER p FROM CLICKHOUSE WITH (host = 'h', ^port^ = 9000, user = 'u', database = 'd')")
                .warns("port 9000 in CREATE PEER p is ClickHouse's native-protocol port; Mirror Connect uses the"
                        + " HTTP interface (8123, or 8443 with TLS)");
    }

    @Test
    void clickhouseRootCaNeedsTls() {
        bare("CREATE PEER p FROM CLICKHOUSE WITH (host = 'h', port = 8123, user = 'u', database = 'd',"
                + " disable_tls = true, ^root_ca^ = '/ca.pem')")
                .fails("root_ca in CREATE PEER p cannot be used with disable_tls = true (there is no TLS to"
                        + " verify)");
    }

    @Test
    void duplicatePeer() {
        sql("CREATE PEER ^pg^ FROM POSTGRES WITH (host = 'h', port = 1, user = 'u', password = 'p',"
                + " database = 'd')")
                .fails("peer 'pg' is already defined at peers.sql:1:13 (use CREATE PEER IF NOT EXISTS to keep the"
                        + " first)");
    }

    @Test
    void duplicatePeerWithIfNotExistsKeepsTheFirst() {
        sql("CREATE PEER IF NOT EXISTS pg FROM POSTGRES WITH (host = 'h', port = 1, user = 'u', password = 'p',"
                + " database = 'd')").ok();
    }

    @Test
    void unknownPeer() {
        sql("CREATE MIRROR m FROM ^pgg^ TO ch WITH TABLE MAPPING (public.a:a) WITH (do_initial_copy = true)")
                .fails("unknown peer 'pgg' in CREATE MIRROR m; did you mean 'pg'?");
    }

    @Test
    void dropUnknownPeer() {
        sql("DROP PEER ^nope^").fails("unknown peer 'nope' in DROP PEER nope (define it with CREATE PEER in this"
                + " or an earlier file)");
    }

    @Test
    void sourceMustBePostgres() {
        sql("CREATE MIRROR m FROM ^ch^ TO sf WITH TABLE MAPPING (public.a:s.a) WITH (do_initial_copy = true)")
                .fails("source peer 'ch' of CREATE MIRROR m is a CLICKHOUSE peer; the source must be a POSTGRES"
                        + " peer");
    }

    @Test
    void targetMustBeAWarehouse() {
        sql("CREATE MIRROR m FROM pg TO ^pg2^ WITH TABLE MAPPING (public.a:s.a) WITH (do_initial_copy = true)")
                .fails("target peer 'pg2' of CREATE MIRROR m is a POSTGRES peer; the target must be a BIGQUERY,"
                        + " SNOWFLAKE or CLICKHOUSE peer");
    }

    @Test
    void duplicateMirror() {
        sql(CDC + "WITH (do_initial_copy = true);\nCREATE MIRROR ^m^ FROM pg TO ch WITH TABLE MAPPING (public.b:b)"
                + " WITH (do_initial_copy = true)")
                .fails("mirror 'm' is already defined at test.sql:1:15 (use CREATE MIRROR IF NOT EXISTS to keep"
                        + " the first)");
    }

    @Test
    void mirrorNameCharacters() {
        sql("CREATE MIRROR ^\"My Mirror\"^ FROM pg TO ch WITH TABLE MAPPING (public.a:a)"
                + " WITH (do_initial_copy = true)")
                .fails("mirror name 'My Mirror' in CREATE MIRROR My Mirror may only contain lower-case letters,"
                        + " digits and '_' (it names connectors, topics, the slot and the publication)");
    }

    @Test
    void emptyTableMapping() {
        sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING ^()^ WITH (do_initial_copy = true)")
                .fails("TABLE MAPPING of CREATE MIRROR m is empty");
    }

    @Test
    void duplicateSourceTable() {
        sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.a:a, ^public.a^:b)"
                + " WITH (do_initial_copy = true)")
                .fails("source table 'public.a' is mapped twice in CREATE MIRROR m");
    }

    @Test
    void duplicateTargetTable() {
        sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.a:a, {from: public.b, to: ^a^})"
                + " WITH (do_initial_copy = true)")
                .fails("target table 'a' is the target of two source tables in CREATE MIRROR m");
    }

    @Test
    void sourceTableMustBeSchemaQualified() {
        sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (^users^:users) WITH (do_initial_copy = true)")
                .fails("source table 'users' in CREATE MIRROR m must be schema-qualified (e.g. public.users)");
    }

    @Test
    void clickhouseTargetMustNotBeSchemaQualified() {
        sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.a:^public.a^) WITH (do_initial_copy = true)")
                .fails("target table 'public.a' in CREATE MIRROR m must not be schema-qualified: CLICKHOUSE"
                        + " tables go to the peer's database");
    }

    @Test
    void bigQueryTargetMustNotBeSchemaQualified() {
        sql("CREATE MIRROR m FROM pg TO bq WITH TABLE MAPPING ({from: public.a, to: ^ds.a^})"
                + " WITH (do_initial_copy = true)")
                .fails("target table 'ds.a' in CREATE MIRROR m must not be schema-qualified: BIGQUERY tables go"
                        + " to the peer's dataset");
    }

    @Test
    void snowflakeTargetMayBeSchemaQualified() {
        sql("CREATE MIRROR m FROM pg TO sf WITH TABLE MAPPING (public.a:raw.a) WITH (do_initial_copy = true)").ok();
    }

    @Test
    void columnExcludedTwice() {
        sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING ({from: public.a, to: a, exclude: [x, ^x^]})"
                + " WITH (do_initial_copy = true)")
                .fails("column 'x' excluded twice in CREATE MIRROR m");
    }

    @Test
    void replicationSlotOnlyWithoutInitialCopy() {
        sql(CDC + "WITH (do_initial_copy = true, ^replication_slot_name^ = 'slot')")
                .fails("replication_slot_name in CREATE MIRROR m cannot be used with do_initial_copy = true: an"
                        + " existing slot has no snapshot to copy from");
    }

    @Test
    void qrepUpsertNeedsUniqueKeyColumns() {
        sql(QREP + "WITH (" + QREP_REQUIRED + ", ^mode^ = 'upsert')")
                .fails("mode = 'upsert' in CREATE MIRROR q needs unique_key_columns");
    }

    @Test
    void qrepUniqueKeyColumnsOnlyForUpsert() {
        sql(QREP + "WITH (" + QREP_REQUIRED + ", ^unique_key_columns^ = 'id')")
                .fails("unique_key_columns in CREATE MIRROR q is only used with mode = 'upsert' (mode is"
                        + " 'append')");
    }

    @Test
    void qrepOverwriteNeedsInitialCopyOnly() {
        sql(QREP + "WITH (" + QREP_REQUIRED + ", ^mode^ = 'overwrite')")
                .fails("mode = 'overwrite' in CREATE MIRROR q needs initial_copy_only = true");
    }

    @Test
    void qrepOverwriteWithInitialCopyOnly() {
        sql(QREP + "WITH (" + QREP_REQUIRED + ", mode = 'overwrite', initial_copy_only = true)").ok();
    }

    @Test
    void qrepModeValues() {
        sql(QREP + "WITH (" + QREP_REQUIRED + ", mode = ^'merge'^)")
                .fails("option 'mode' in CREATE MIRROR q must be one of append, upsert, overwrite, got 'merge'");
    }

    @Test
    void qrepNumRowsPerPartitionRequired() {
        sql("CREATE MIRROR ^q^ FROM pg TO ch FOR $$ SELECT * FROM t WHERE id BETWEEN {{.start}} AND {{.end}} $$"
                + " WITH (destination_table_name = 't', watermark_column = 'id', watermark_table_name = 'public.t')")
                .fails("CREATE MIRROR q is missing required option 'num_rows_per_partition'");
    }

    @Test
    void qrepQueryNeedsWatermarkRange() {
        sql("CREATE MIRROR q FROM pg TO ch FOR ^$$ SELECT * FROM t $$^ WITH (" + QREP_REQUIRED + ")")
                .fails("the query of CREATE MIRROR q must contain {{.start}} and {{.end}} (the watermark range)"
                        + " unless watermark_column is xmin");
    }

    @Test
    void qrepXminQueryNeedsNoRange() {
        sql("CREATE MIRROR q FROM pg TO ch FOR $$ SELECT * FROM t $$ WITH (destination_table_name = 't',"
                + " watermark_column = 'xmin', watermark_table_name = 'public.t', num_rows_per_partition = 10)").ok();
    }

    @Test
    void qrepRefreshIntervalAtLeastTen() {
        sql(QREP + "WITH (" + QREP_REQUIRED + ", refresh_interval = ^5^)")
                .fails("option 'refresh_interval' in CREATE MIRROR q must be between 10 and 2147483, got 5");
    }

    @Test
    void qrepDestinationNotQualifiedForClickHouse() {
        sql("CREATE MIRROR q FROM pg TO ch FOR $$ SELECT * FROM t WHERE id BETWEEN {{.start}} AND {{.end}} $$"
                + " WITH (^destination_table_name^ = 'public.t', watermark_column = 'id',"
                + " watermark_table_name = 'public.t', num_rows_per_partition = 10)")
                .fails("destination_table_name 'public.t' in CREATE MIRROR q must not be schema-qualified:"
                        + " CLICKHOUSE tables go to the peer's database");
    }

    @Test
    void qrepWatermarkTableSchemaQualified() {
        sql(QREP + "WITH (destination_table_name = 't', watermark_column = 'id', ^watermark_table_name^ = 't',"
                + " num_rows_per_partition = 10)")
                .fails("watermark_table_name 't' in CREATE MIRROR q must be schema-qualified (e.g. public.t)");
    }

    @Test
    void unknownQRepOptionSuggestion() {
        sql(QREP + "WITH (" + QREP_REQUIRED + ", ^paralellism^ = 4)")
                .fails("unknown option 'paralellism' in CREATE MIRROR q; did you mean 'parallelism'?");
    }

    @Test
    void bothIfNotExistsPlacementsParse() {
        sql("CREATE MIRROR IF NOT EXISTS a FROM pg TO ch FOR $$ SELECT 1 WHERE x BETWEEN {{.start}} AND {{.end}}"
                + " $$ WITH (" + QREP_REQUIRED + ");\nCREATE MIRROR b IF NOT EXISTS FROM pg TO ch FOR $tag$ SELECT"
                + " 1 WHERE x BETWEEN {{.start}} AND {{.end}} $tag$ WITH (" + QREP_REQUIRED + ",);").ok();
    }

    @Test
    void deadLetterTopicWithIllegalCharacter() {
        sql(CDC + "WITH (do_initial_copy = true, dead_letter_topic = ^'dlq/shop'^)")
                .fails("dead_letter_topic 'dlq/shop' in CREATE MIRROR m contains '/', which Kafka topic names cannot:"
                        + " only ASCII letters, digits, '.', '_' and '-'");
    }

    @Test
    void deadLetterTopicTooLong() {
        String name = "d".repeat(250);
        sql(CDC + "WITH (do_initial_copy = true, dead_letter_topic = ^'" + name + "'^)")
                .fails("dead_letter_topic in CREATE MIRROR m is 250 characters long; Kafka topic names have at most"
                        + " 249");
    }

    @Test
    void deadLetterTopicOfMaximumLengthIsAccepted() {
        sql(CDC + "WITH (do_initial_copy = true, dead_letter_topic = '" + "d".repeat(249) + "')").ok();
    }

    @Test
    void deadLetterTopicDotIsIllegal() {
        sql(CDC + "WITH (do_initial_copy = true, dead_letter_topic = ^'..'^)")
                .fails("dead_letter_topic '..' in CREATE MIRROR m is not a legal Kafka topic name");
    }

    @Test
    void deadLetterTopicEmpty() {
        sql(CDC + "WITH (do_initial_copy = true, dead_letter_topic = ^''^)")
                .fails("dead_letter_topic in CREATE MIRROR m must not be empty");
    }

    @Test
    void deadLetterTopicIsADataTopicOfTheCdcMirror() {
        sql(CDC + "WITH (do_initial_copy = true, dead_letter_topic = ^'m.public.a'^)")
                .fails("dead_letter_topic 'm.public.a' in CREATE MIRROR m is the mirror's data topic of public.a:"
                        + " the dead-letter topic must be a topic of its own");
    }

    @Test
    void deadLetterTopicCollidingWithADataTopic() {
        sql(CDC + "WITH (do_initial_copy = true, dead_letter_topic = ^'m_public.a'^)")
                .fails("dead_letter_topic 'm_public.a' in CREATE MIRROR m collides with the mirror's data topic"
                        + " 'm.public.a' of public.a ('.' and '_' are the same in Kafka's metric names, so Kafka"
                        + " refuses the pair)");
    }

    @Test
    void deadLetterTopicIsTheDataTopicOfTheQRepMirror() {
        sql(QREP + "WITH (" + QREP_REQUIRED + ", dead_letter_topic = ^'q.public.t'^)")
                .fails("dead_letter_topic 'q.public.t' in CREATE MIRROR q is the mirror's data topic of public.t:"
                        + " the dead-letter topic must be a topic of its own");
    }

    @Test
    void deadLetterTopicIsNoPlaceholder() {
        sql(CDC + "WITH (do_initial_copy = true, dead_letter_topic = ^${file:/etc/dlq:topic}^)")
                .fails("option 'dead_letter_topic' in CREATE MIRROR m cannot be a config-provider reference: the"
                        + " compiler needs its value");
    }

    @Test
    void deadLetterReplicationFactorNeedsTheTopic() {
        sql(QREP + "WITH (" + QREP_REQUIRED + ", ^dead_letter_topic_replication_factor^ = 1)")
                .fails("dead_letter_topic_replication_factor in CREATE MIRROR q needs dead_letter_topic (it only"
                        + " sizes the dead-letter topic)");
    }

    @Test
    void deadLetterReplicationFactorRange() {
        sql(CDC + "WITH (do_initial_copy = true, dead_letter_topic = 'dlq', dead_letter_topic_replication_factor"
                + " = ^0^)")
                .fails("option 'dead_letter_topic_replication_factor' in CREATE MIRROR m must be between 1 and"
                        + " 32767, got 0");
    }

    @Test
    void deadLetterTopicOnBothMirrorKinds() {
        sql(CDC + "WITH (do_initial_copy = true, dead_letter_topic = 'm.dlq', dead_letter_topic_replication_factor"
                + " = 1);\n" + QREP + "WITH (" + QREP_REQUIRED + ", dead_letter_topic = 'q-dlq')").ok();
    }

    @Test
    void sinkTasksAtMostTopicPartitions() {
        sql(CDC + "WITH (do_initial_copy = true, topic_partitions = 2, sink_tasks = ^4^)")
                .fails("sink_tasks = 4 in CREATE MIRROR m exceeds topic_partitions = 2: Kafka gives each topic"
                        + " partition to one sink task, so 2 task(s) would idle; raise topic_partitions or lower"
                        + " sink_tasks");
    }

    @Test
    void sinkTasksNeedMoreThanTheDefaultOnePartition() {
        sql(QREP + "WITH (" + QREP_REQUIRED + ", mode = 'upsert', unique_key_columns = 'id', sink_tasks = ^2^)")
                .fails("sink_tasks = 2 in CREATE MIRROR q exceeds topic_partitions = 1: Kafka gives each topic"
                        + " partition to one sink task, so 1 task(s) would idle; raise topic_partitions or lower"
                        + " sink_tasks");
    }

    @Test
    void keylessQueryReplicationWarnsThatOneSinkTaskWorks() {
        sql(QREP + "WITH (" + QREP_REQUIRED + ", topic_partitions = 4, sink_tasks = ^2^)")
                .warns("sink_tasks = 2 in CREATE MIRROR q: this mode's records have no key and all go to partition"
                        + " 0, so one sink task writes them and the others idle");
    }

    @Test
    void topicReplicationFactorIsAtLeastOneOrTheBrokersDefault() {
        sql(CDC + "WITH (do_initial_copy = true, topic_replication_factor = ^0^)")
                .fails("topic_replication_factor in CREATE MIRROR m must be at least 1, or -1 for the broker's"
                        + " default.replication.factor");
        sql(CDC + "WITH (do_initial_copy = true, topic_replication_factor = ^-2^)")
                .fails("option 'topic_replication_factor' in CREATE MIRROR m must be between -1 and 32767, got -2");
    }

    @Test
    void scaleOutOnBothMirrorKinds() {
        sql(CDC + "WITH (do_initial_copy = true, topic_partitions = 4, sink_tasks = 2, topic_replication_factor = 3);\n"
                + QREP + "WITH (" + QREP_REQUIRED + ", mode = 'upsert', unique_key_columns = 'id', topic_partitions = 4,"
                + " sink_tasks = 4)").ok();
    }
}
