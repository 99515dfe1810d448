-- Schema version 2: nothing in the store is specific to one OCPP version any more.
-- - transactions.csms_id is TEXT: 1.6 transaction ids are integers (kept as their decimal text), 2.0.1's are
--   strings the station makes.
-- - queue and dead_letters record the OCPP version of each message (existing rows: '1.6'), so a station switched
--   to another version never sends the other version's messages, and they stay listed and exportable.
-- - local_list and auth_cache hold tokens as (token_id, token_type): token_type NULL is an untyped 1.6 idTag, a
--   2.0.1 IdToken has its type. The group token (1.6 parentIdTag) likewise. Statuses have no enum CHECK: the
--   set differs between versions and is checked by the code (validate.ts), so a new status needs no migration.
-- Tables are rebuilt (SQLite cannot change a column's type in place) keeping every row, rowid and seq.

-- The queue is AUTOINCREMENT: its sqlite_sequence value (which may be above every remaining seq) is carried
-- over, so no seq is ever reused.
CREATE TEMP TABLE queue_seq_0002 AS SELECT seq FROM sqlite_sequence WHERE name = 'queue';
CREATE TEMP TABLE queue_0002 AS SELECT * FROM queue;
DROP TABLE queue;
CREATE TABLE queue (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT    NOT NULL CHECK (kind IN ('start', 'stop', 'meter')),
  action       TEXT    NOT NULL,
  payload      TEXT    NOT NULL,
  tx_local_id  TEXT,
  attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at   TEXT    NOT NULL,
  -- REAL: a monotonic clock may give fractional milliseconds.
  not_before   REAL    NOT NULL DEFAULT 0,
  -- No default: a message whose version is not known must be refused, not guessed.
  ocpp_version TEXT    NOT NULL CHECK (ocpp_version <> '')
) STRICT;
INSERT INTO queue (seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, ocpp_version)
  SELECT seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, '1.6' FROM queue_0002 ORDER BY seq;
DELETE FROM sqlite_sequence WHERE name = 'queue';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'queue', MAX(COALESCE((SELECT MAX(seq) FROM queue_seq_0002), 0), COALESCE((SELECT MAX(seq) FROM queue), 0));
-- The sender takes the oldest message of its version.
CREATE INDEX queue_version ON queue (ocpp_version, seq);
DROP TABLE queue_0002;
DROP TABLE queue_seq_0002;

CREATE TEMP TABLE dead_letters_0002 AS SELECT * FROM dead_letters;
DROP TABLE dead_letters;
CREATE TABLE dead_letters (
  seq          INTEGER PRIMARY KEY,
  kind         TEXT    NOT NULL CHECK (kind IN ('start', 'stop', 'meter')),
  action       TEXT    NOT NULL,
  payload      TEXT    NOT NULL,
  tx_local_id  TEXT,
  attempts     INTEGER NOT NULL CHECK (attempts >= 0),
  created_at   TEXT    NOT NULL,
  not_before   REAL    NOT NULL,
  dead_at      TEXT    NOT NULL,
  reason       TEXT    NOT NULL,
  ocpp_version TEXT    NOT NULL CHECK (ocpp_version <> '')
) STRICT;
INSERT INTO dead_letters (seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, dead_at, reason, ocpp_version)
  SELECT seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, dead_at, reason, '1.6' FROM dead_letters_0002;
DROP TABLE dead_letters_0002;

-- id is kept: it is the start order (journal.list, unfinished).
CREATE TEMP TABLE transactions_0002 AS SELECT * FROM transactions;
DROP INDEX transactions_unfinished;
DROP INDEX transactions_csms_id;
DROP TABLE transactions;
CREATE TABLE transactions (
  id             INTEGER PRIMARY KEY,
  local_id       TEXT    NOT NULL UNIQUE,
  evse_id        INTEGER NOT NULL,
  id_tag         TEXT    NOT NULL,
  -- The CSMS's transaction id as text (a 1.6 integer in decimal); never empty.
  csms_id        TEXT             CHECK (csms_id <> ''),
  started_at     TEXT    NOT NULL,
  meter_start_wh REAL    NOT NULL,
  last_meter_wh  REAL    NOT NULL,
  last_meter_at  TEXT    NOT NULL,
  stopped_at     TEXT,
  meter_stop_wh  REAL,
  stop_reason    TEXT,
  stop_id_tag    TEXT,
  start_state    TEXT    NOT NULL CHECK (start_state IN ('pending', 'sent', 'confirmed')),
  stop_state     TEXT             CHECK (stop_state IN ('pending', 'sent', 'confirmed')),
  auth_status    TEXT,
  extra          TEXT    NOT NULL DEFAULT '{}',
  CHECK ((stopped_at IS NULL) = (meter_stop_wh IS NULL)),
  CHECK ((stopped_at IS NULL) = (stop_reason IS NULL)),
  CHECK ((stopped_at IS NULL) = (stop_state IS NULL))
) STRICT;
INSERT INTO transactions (id, local_id, evse_id, id_tag, csms_id, started_at, meter_start_wh, last_meter_wh, last_meter_at, stopped_at,
    meter_stop_wh, stop_reason, stop_id_tag, start_state, stop_state, auth_status, extra)
  SELECT id, local_id, evse_id, id_tag, CAST(csms_id AS TEXT), started_at, meter_start_wh, last_meter_wh, last_meter_at, stopped_at,
    meter_stop_wh, stop_reason, stop_id_tag, start_state, stop_state, auth_status, extra
  FROM transactions_0002;
-- Not unique: a station moved to another CSMS may see the same transaction id again.
CREATE INDEX transactions_csms_id ON transactions (csms_id);
CREATE INDEX transactions_unfinished ON transactions (id) WHERE stopped_at IS NULL;
DROP TABLE transactions_0002;

-- Token ids are compared case-insensitively (1.6 CiString, 2.0.1 IdToken.idToken; printable ASCII, which NOCASE
-- folds); types exactly. An untyped (1.6) entry and typed entries with the same id are distinct entries: the
-- unique key maps NULL to '' (an empty type is refused, so it cannot collide). The lookup rule (an untyped
-- entry matches a token of any type; an untyped lookup matches any type) is in offline-queue/token.ts.
CREATE TEMP TABLE local_list_0002 AS SELECT * FROM local_list;
DROP TABLE local_list;
CREATE TABLE local_list (
  id         INTEGER PRIMARY KEY,
  token_id   TEXT NOT NULL COLLATE NOCASE,
  token_type TEXT CHECK (token_type <> ''),
  status     TEXT NOT NULL CHECK (status <> ''),
  expiry     TEXT,
  group_id   TEXT,
  group_type TEXT CHECK (group_type <> ''),
  CHECK (group_type IS NULL OR group_id IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX local_list_token ON local_list (token_id, IFNULL(token_type, ''));
INSERT INTO local_list (token_id, token_type, status, expiry, group_id, group_type)
  SELECT id_tag, NULL, status, expiry, parent, NULL FROM local_list_0002 ORDER BY id_tag;
DROP TABLE local_list_0002;

CREATE TEMP TABLE auth_cache_0002 AS SELECT * FROM auth_cache;
DROP TABLE auth_cache;
CREATE TABLE auth_cache (
  id         INTEGER PRIMARY KEY,
  token_id   TEXT NOT NULL COLLATE NOCASE,
  token_type TEXT CHECK (token_type <> ''),
  status     TEXT NOT NULL CHECK (status <> ''),
  expiry     TEXT,
  group_id   TEXT,
  group_type TEXT CHECK (group_type <> ''),
  updated_at TEXT NOT NULL,
  CHECK (group_type IS NULL OR group_id IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX auth_cache_token ON auth_cache (token_id, IFNULL(token_type, ''));
INSERT INTO auth_cache (token_id, token_type, status, expiry, group_id, group_type, updated_at)
  SELECT id_tag, NULL, status, expiry, parent, NULL, updated_at FROM auth_cache_0002 ORDER BY id_tag;
DROP TABLE auth_cache_0002;
