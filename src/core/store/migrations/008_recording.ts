// Recording, playback and evidence (issue "Recording, playback, and evidence export that holds up in
// a case"). Times are UTC epoch milliseconds from the console's clock; the camera's own clock offset
// (camera minus console, ms; NULL = not measured) is kept beside each segment.
//
// - recording_folders: where segments go, each with a quota (NULL = only the disk reserve limits it).
// - recording_settings: one row per recorded camera (no row = off).
// - segments: one row per MPEG-TS file. A row is written when the file opens (status 'recording')
//   and completed when it closes; rows still 'recording' at start are what a crash left behind and
//   are reconciled with the file (see media/recorder/reconcile.ts).
//   sha256 is of the closed file, computed as it was written: an export skips (and names) a segment
//   whose bytes changed since.
// - evidence_locks: a generic holder (kind + id: an export today, an incident later) keeps every
//   segment of a camera that overlaps [from_ms, to_ms) from deletion. The trigger is the last fence:
//   even a retention bug cannot delete a locked segment's row, and the file goes only after its row.
// - installation_keys: the same table (and triggers) as the audit branch's 005_audit migration; the
//   evidence manifests are signed with that one installation key. IF NOT EXISTS, so that whichever
//   migration runs first creates it and the other finds it.
export default `
CREATE TABLE recording_folders (
  id          TEXT PRIMARY KEY,
  path        TEXT NOT NULL UNIQUE,
  quota_bytes INTEGER,
  enabled     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE recording_settings (
  camera_id      TEXT PRIMARY KEY REFERENCES cameras(id) ON DELETE CASCADE,
  mode           TEXT NOT NULL CHECK (mode IN ('off', 'continuous', 'scheduled', 'event')),
  stream         TEXT NOT NULL DEFAULT 'main' CHECK (stream IN ('main', 'sub')),
  schedule       TEXT NOT NULL DEFAULT '[]',
  event_kinds    TEXT NOT NULL DEFAULT '["motion","tampering"]',
  pre_seconds    INTEGER NOT NULL DEFAULT 10,
  post_seconds   INTEGER NOT NULL DEFAULT 30,
  retention_days INTEGER NOT NULL DEFAULT 30,
  updated_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE segments (
  id              INTEGER PRIMARY KEY,
  camera_id       TEXT NOT NULL,
  stream          TEXT NOT NULL,
  folder_id       TEXT NOT NULL REFERENCES recording_folders(id),
  path            TEXT NOT NULL UNIQUE,
  start_ms        INTEGER NOT NULL,
  end_ms          INTEGER NOT NULL,
  bytes           INTEGER NOT NULL DEFAULT 0,
  sha256          TEXT,
  first_pts       INTEGER,
  run_id          TEXT NOT NULL,
  keyframes       TEXT NOT NULL DEFAULT '[]',
  codec           TEXT,
  clock_offset_ms INTEGER,
  trigger         TEXT NOT NULL DEFAULT 'continuous',
  status          TEXT NOT NULL DEFAULT 'recording' CHECK (status IN ('recording', 'ok', 'recovered', 'missing')),
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX segments_camera_time ON segments(camera_id, start_ms);
CREATE INDEX segments_folder_time ON segments(folder_id, start_ms);
CREATE INDEX segments_status ON segments(status) WHERE status = 'recording';

CREATE TABLE recording_events (
  id        INTEGER PRIMARY KEY,
  camera_id TEXT NOT NULL,
  kind      TEXT NOT NULL,
  start_ms  INTEGER NOT NULL,
  end_ms    INTEGER
) STRICT;
CREATE INDEX recording_events_camera_time ON recording_events(camera_id, start_ms);

CREATE TABLE bookmarks (
  id          TEXT PRIMARY KEY,
  camera_id   TEXT NOT NULL,
  at_ms       INTEGER NOT NULL,
  note        TEXT NOT NULL,
  note_folded TEXT NOT NULL,
  created_by  TEXT,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX bookmarks_camera_time ON bookmarks(camera_id, at_ms);

CREATE TABLE evidence_locks (
  id             TEXT PRIMARY KEY,
  holder_kind    TEXT NOT NULL,
  holder_id      TEXT NOT NULL,
  camera_id      TEXT NOT NULL,
  from_ms        INTEGER NOT NULL,
  to_ms          INTEGER NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  created_by     TEXT,
  created_at     INTEGER NOT NULL,
  released_at    INTEGER,
  released_by    TEXT,
  release_reason TEXT
) STRICT;
CREATE INDEX evidence_locks_camera ON evidence_locks(camera_id, from_ms) WHERE released_at IS NULL;
CREATE INDEX evidence_locks_holder ON evidence_locks(holder_kind, holder_id);

CREATE TRIGGER segments_keep_locked BEFORE DELETE ON segments
WHEN EXISTS (SELECT 1 FROM evidence_locks l WHERE l.released_at IS NULL AND l.camera_id = OLD.camera_id AND l.from_ms < OLD.end_ms AND l.to_ms > OLD.start_ms)
BEGIN SELECT RAISE(ABORT, 'segment under evidence lock'); END;

CREATE TABLE exports (
  id           TEXT PRIMARY KEY,
  case_number  TEXT NOT NULL,
  incident_id  TEXT,
  reason       TEXT NOT NULL,
  camera_ids   TEXT NOT NULL,
  from_ms      INTEGER NOT NULL,
  to_ms        INTEGER NOT NULL,
  destination  TEXT NOT NULL,
  options      TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled')),
  package_dir  TEXT,
  bytes        INTEGER,
  error        TEXT,
  created_by   TEXT,
  created_at   INTEGER NOT NULL,
  finished_at  INTEGER
) STRICT;

CREATE TABLE recording_alarms (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  camera_id  TEXT,
  folder_id  TEXT,
  detail     TEXT NOT NULL DEFAULT '{}',
  raised_at  INTEGER NOT NULL,
  cleared_at INTEGER
) STRICT;
CREATE INDEX recording_alarms_open ON recording_alarms(kind, camera_id, folder_id) WHERE cleared_at IS NULL;

CREATE TABLE recording_reconciles (
  id     INTEGER PRIMARY KEY,
  at_ms  INTEGER NOT NULL,
  report TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS installation_keys (
  fingerprint     TEXT PRIMARY KEY,
  algorithm       TEXT NOT NULL CHECK (algorithm = 'ed25519'),
  public_key_pem  TEXT NOT NULL,
  private_key_box TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  retired_at      INTEGER
) STRICT;
CREATE TRIGGER IF NOT EXISTS installation_keys_keep_public BEFORE UPDATE OF fingerprint, algorithm, public_key_pem, created_at ON installation_keys
BEGIN SELECT RAISE(ABORT, 'an installation key cannot be changed, only retired'); END;
CREATE TRIGGER IF NOT EXISTS installation_keys_no_delete BEFORE DELETE ON installation_keys
BEGIN SELECT RAISE(ABORT, 'an installation key cannot be deleted, only retired'); END;
`;
