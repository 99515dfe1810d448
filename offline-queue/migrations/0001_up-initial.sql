-- Schema version 1: the durable queue, the transaction journal, settings, local authorization list and
-- authorization cache. Tables are STRICT so a wrong type (a fractional evse id, a NaN meter value) is refused
-- by the database instead of being stored and discovered when a bill is made.

-- Transaction-related messages waiting for the CSMS. AUTOINCREMENT (not plain rowid) so a seq is never reused,
-- even after the queue has been emptied: seq is the send order and appears in logs and dead letters.
-- No foreign key to transactions: a message must never be refused because its journal row is missing.
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

-- Messages whose attempts were exhausted. They keep the seq they had in the queue (unique, never reused).
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

-- Counters that must survive restarts (e.g. MeterValues removed by the cap policy: caps are counted).
CREATE TABLE queue_counters (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
INSERT INTO queue_counters (name, value) VALUES ('thinned', 0);

-- One row per transaction: what a bill is made from. The CHECKs keep the stop fields all-or-nothing so a
-- half-recorded stop cannot exist.
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
-- Not unique: a station moved to another CSMS may see the same transaction id again.
CREATE INDEX transactions_csms_id ON transactions (csms_id);
CREATE INDEX transactions_unfinished ON transactions (id) WHERE stopped_at IS NULL;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- idTag is an OCPP CiString: compared case-insensitively (printable ASCII only, which NOCASE folds).
CREATE TABLE local_list (
  id_tag TEXT PRIMARY KEY COLLATE NOCASE,
  status TEXT NOT NULL CHECK (status IN ('Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx')),
  expiry TEXT,
  parent TEXT
) STRICT;

CREATE TABLE local_list_meta (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO local_list_meta (id, version) VALUES (1, 0);

CREATE TABLE auth_cache (
  id_tag     TEXT PRIMARY KEY COLLATE NOCASE,
  status     TEXT NOT NULL CHECK (status IN ('Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx')),
  expiry     TEXT,
  parent     TEXT,
  updated_at TEXT NOT NULL
) STRICT;
