// The audit trail (Trust issue): who did what, chained entry to entry by SHA-256, with signed
// checkpoints, and the installation's signing key.
//
// audit_log keeps each entry as the exact JSON text that was hashed (`entry`); the columns the admin
// screen filters on are generated from it, so a row cannot show one thing and hash another. See
// src/core/audit/chain.ts for the entry format. The triggers make the tables append-only for
// ordinary code; someone editing the file by other means is caught by verification instead.
//
// Version 5: the auth issue's users and sessions migration is version 4 and lands in parallel.
export default `
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  entry       TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL,
  at          INTEGER GENERATED ALWAYS AS (json_extract(entry, '$[1]')) VIRTUAL,
  actor_id    TEXT GENERATED ALWAYS AS (json_extract(entry, '$[2]')) VIRTUAL,
  actor_name  TEXT GENERATED ALWAYS AS (json_extract(entry, '$[3]')) VIRTUAL,
  action      TEXT GENERATED ALWAYS AS (json_extract(entry, '$[4]')) VIRTUAL,
  outcome     TEXT GENERATED ALWAYS AS (json_extract(entry, '$[5]')) VIRTUAL,
  target_kind TEXT GENERATED ALWAYS AS (json_extract(entry, '$[6]')) VIRTUAL,
  target_id   TEXT GENERATED ALWAYS AS (json_extract(entry, '$[7]')) VIRTUAL,
  target_name TEXT GENERATED ALWAYS AS (json_extract(entry, '$[8]')) VIRTUAL,
  details     TEXT GENERATED ALWAYS AS (json_extract(entry, '$[9]')) VIRTUAL,
  source      TEXT GENERATED ALWAYS AS (json_extract(entry, '$[10]')) VIRTUAL
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_id);
CREATE INDEX audit_log_action ON audit_log(action);
CREATE INDEX audit_log_target ON audit_log(target_kind, target_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- A checkpoint signs {count, head seq, head hash, time}; "signed" holds the exact signed text.
CREATE TABLE audit_checkpoints (
  id              INTEGER PRIMARY KEY,
  head_seq        INTEGER NOT NULL,
  count           INTEGER NOT NULL,
  head_hash       TEXT NOT NULL,
  at              INTEGER NOT NULL,
  signed          TEXT NOT NULL,
  signature       TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  reason          TEXT NOT NULL CHECK (reason IN ('hourly', 'on_demand'))
) STRICT;
CREATE INDEX audit_checkpoints_head ON audit_checkpoints(head_seq);

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;

-- One Ed25519 key pair per installation; the private key sealed with the SecretBox. A key that can
-- no longer be opened is retired, never deleted: earlier signatures still verify with its public key.
CREATE TABLE installation_keys (
  fingerprint     TEXT PRIMARY KEY,
  algorithm       TEXT NOT NULL CHECK (algorithm = 'ed25519'),
  public_key_pem  TEXT NOT NULL,
  private_key_box TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  retired_at      INTEGER
) STRICT;

CREATE TRIGGER installation_keys_keep_public BEFORE UPDATE OF fingerprint, algorithm, public_key_pem, created_at ON installation_keys
BEGIN SELECT RAISE(ABORT, 'an installation key cannot be changed, only retired'); END;
CREATE TRIGGER installation_keys_no_delete BEFORE DELETE ON installation_keys
BEGIN SELECT RAISE(ABORT, 'an installation key cannot be deleted, only retired'); END;
`;
