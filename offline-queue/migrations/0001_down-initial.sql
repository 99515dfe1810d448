-- Undo schema version 1: back to an empty database. Data in these tables is lost; only run on purpose.
DROP TABLE auth_cache;
DROP TABLE local_list_meta;
DROP TABLE local_list;
DROP TABLE settings;
DROP INDEX transactions_unfinished;
DROP INDEX transactions_csms_id;
DROP TABLE transactions;
DROP TABLE queue_counters;
DROP TABLE dead_letters;
DROP TABLE queue;
DELETE FROM sqlite_sequence WHERE name = 'queue';
