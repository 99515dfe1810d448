-- Undo schema version 2: back to the OCPP 1.6 shape of version 1 (the same CREATE statements).
-- Rows version 1 cannot represent are DROPPED here, and only here (the up migration keeps everything):
-- - queued messages and dead letters of any OCPP version other than '1.6' (1.6 code would send them as its own);
-- - transactions whose CSMS id is not an integer in canonical decimal (a 2.0.1 transaction id);
-- - local list and cache entries with a typed token or a typed group token (2.0.1 IdTokens), or a status 1.6 does
--   not know (NoCredit, NotAllowedTypeEVSE, NotAtThisLocation, NotAtThisTime, Unknown).
-- Export what matters (chargerctl queue export) before running it on purpose.

CREATE TEMP TABLE queue_seq_0002 AS SELECT seq FROM sqlite_sequence WHERE name = 'queue';
CREATE TEMP TABLE queue_0002 AS SELECT * FROM queue WHERE ocpp_version = '1.6';
DROP INDEX queue_version;
DROP TABLE queue;
CREATE TABLE queue (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT    NOT NULL CHECK (kind IN ('start', 'stop', 'meter')),
  action      TEXT    NOT NULL,
  payload     TEXT    NOT NULL,
  tx_local_id TEXT,
  attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at  TEXT    NOT NULL,
  -- REAL: a monotonic clock may give fractional milliseconds.
  not_before  REAL    NOT NULL DEFAULT 0
) STRICT;
INSERT INTO queue (seq, kind, action, payload, tx_local_id, attempts, created_at, not_before)
  SELECT seq, kind, action, payload, tx_local_id, attempts, created_at, not_before FROM queue_0002 ORDER BY seq;
DELETE FROM sqlite_sequence WHERE name = 'queue';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'queue', MAX(COALESCE((SELECT MAX(seq) FROM queue_seq_0002), 0), COALESCE((SELECT MAX(seq) FROM queue), 0));
DROP TABLE queue_0002;
DROP TABLE queue_seq_0002;

CREATE TEMP TABLE dead_letters_0002 AS SELECT * FROM dead_letters WHERE ocpp_version = '1.6';
DROP TABLE dead_letters;
CREATE TABLE dead_letters (
  seq         INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL CHECK (kind IN ('start', 'stop', 'meter')),
  action      TEXT    NOT NULL,
  payload     TEXT    NOT NULL,
  tx_local_id TEXT,
  attempts    INTEGER NOT NULL CHECK (attempts >= 0),
  created_at  TEXT    NOT NULL,
  not_before  REAL    NOT NULL,
  dead_at     TEXT    NOT NULL,
  reason      TEXT    NOT NULL
) STRICT;
INSERT INTO dead_letters (seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, dead_at, reason)
  SELECT seq, kind, action, payload, tx_local_id, attempts, created_at, not_before, dead_at, reason FROM dead_letters_0002;
DROP TABLE dead_letters_0002;

-- Canonical decimal only ('77', '-1'; not '077', '7.0', 'ab'): what CAST back to TEXT gives again.
CREATE TEMP TABLE transactions_0002 AS SELECT * FROM transactions
  WHERE csms_id IS NULL OR CAST(CAST(csms_id AS INTEGER) AS TEXT) = csms_id;
DROP INDEX transactions_unfinished;
DROP INDEX transactions_csms_id;
DROP TABLE transactions;
CREATE TABLE transactions (
  id             INTEGER PRIMARY KEY,
  local_id       TEXT    NOT NULL UNIQUE,
  evse_id        INTEGER NOT NULL,
  id_tag         TEXT    NOT NULL,
  csms_id        INTEGER,
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
  SELECT id, local_id, evse_id, id_tag, CAST(csms_id AS INTEGER), started_at, meter_start_wh, last_meter_wh, last_meter_at, stopped_at,
    meter_stop_wh, stop_reason, stop_id_tag, start_state, stop_state, auth_status, extra
  FROM transactions_0002;
-- Not unique: a station moved to another CSMS may see the same transaction id again.
CREATE INDEX transactions_csms_id ON transactions (csms_id);
CREATE INDEX transactions_unfinished ON transactions (id) WHERE stopped_at IS NULL;
DROP TABLE transactions_0002;

CREATE TEMP TABLE local_list_0002 AS SELECT * FROM local_list
  WHERE token_type IS NULL AND group_type IS NULL AND status IN ('Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx');
DROP INDEX local_list_token;
DROP TABLE local_list;
-- idTag is an OCPP CiString: compared case-insensitively (printable ASCII only, which NOCASE folds).
CREATE TABLE local_list (
  id_tag TEXT PRIMARY KEY COLLATE NOCASE,
  status TEXT NOT NULL CHECK (status IN ('Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx')),
  expiry TEXT,
  parent TEXT
) STRICT;
INSERT INTO local_list (id_tag, status, expiry, parent) SELECT token_id, status, expiry, group_id FROM local_list_0002;
DROP TABLE local_list_0002;

CREATE TEMP TABLE auth_cache_0002 AS SELECT * FROM auth_cache
  WHERE token_type IS NULL AND group_type IS NULL AND status IN ('Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx');
DROP INDEX auth_cache_token;
DROP TABLE auth_cache;
CREATE TABLE auth_cache (
  id_tag     TEXT PRIMARY KEY COLLATE NOCASE,
  status     TEXT NOT NULL CHECK (status IN ('Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx')),
  expiry     TEXT,
  parent     TEXT,
  updated_at TEXT NOT NULL
) STRICT;
INSERT INTO auth_cache (id_tag, status, expiry, parent, updated_at) SELECT token_id, status, expiry, group_id, updated_at FROM auth_cache_0002;
DROP TABLE auth_cache_0002;
