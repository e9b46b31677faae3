// The incident log, the alarm queue and the shift handover (issue "Incident log, alarm queue and
// shift handover"). Version 10: 006–009 belong to branches landing in parallel.
//
// incidents.rid is the sort key as well as the rowid: occurred_at (ms) * 1000 + a tiebreak. "Newest
// first" is then rowid order, which is what makes a filtered, full-text first page cheap on a
// million rows: FTS5 walks its doclists in rowid order and stops at LIMIT, while any ORDER BY on
// another column would need every match first (design.md: 0.06 ms vs 0.76 s). When an incident's
// time is corrected its rid moves (timeline, attachments and alarms refer to the uuid, not the rid).
//
// incidents_fts is contentless (the folded text is indexed, not stored twice) with
// contentless_delete, so a changed row is deleted and inserted again by rowid. Column `body` holds
// the folded text (foldText: no diacritics, đ → d, lower case); column `facets` holds one token per
// filter value (status, category, severity, area, camera, assignee), so a filtered search is one
// FTS5 query whose AND/OR merges run in rowid order too.
export default `
CREATE TABLE incident_categories (
  id         TEXT PRIMARY KEY,
  name_vi    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  builtin    INTEGER NOT NULL DEFAULT 0,
  sort       INTEGER NOT NULL DEFAULT 100,
  disabled   INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
) STRICT;
INSERT INTO incident_categories(id, name_vi, name_en, builtin, sort, created_at) VALUES
  ('publicorder', 'An ninh trật tự, tội phạm', 'Public order and crime', 1, 10, 0),
  ('trafficaccident', 'Tai nạn giao thông', 'Traffic accident', 1, 20, 0),
  ('trafficviolation', 'Vi phạm giao thông', 'Traffic violation', 1, 30, 0),
  ('fire', 'Cháy, nổ', 'Fire', 1, 40, 0),
  ('environment', 'Môi trường', 'Environment', 1, 50, 0),
  ('urbanorder', 'Trật tự đô thị', 'Urban order', 1, 60, 0),
  ('adminviolation', 'Vi phạm hành chính', 'Administrative violation', 1, 70, 0),
  ('camerafault', 'Sự cố camera', 'Camera fault', 1, 80, 0),
  ('other', 'Khác', 'Other', 1, 90, 0);

CREATE TABLE incident_counters (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;

CREATE TABLE incidents (
  rid             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  year            INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  occurred_at     INTEGER NOT NULL,
  logged_at       INTEGER NOT NULL,
  category_id     TEXT NOT NULL REFERENCES incident_categories(id),
  severity        TEXT NOT NULL,
  area_id         TEXT REFERENCES areas(id),
  point_id        TEXT REFERENCES points(id),
  lat             REAL,
  lon             REAL,
  camera_ids      TEXT NOT NULL DEFAULT '[]',
  title           TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  people          TEXT NOT NULL DEFAULT '',
  vehicles        TEXT NOT NULL DEFAULT '[]',
  status          TEXT NOT NULL,
  assignee_id     TEXT,
  units           TEXT NOT NULL DEFAULT '[]',
  created_by      TEXT,
  created_by_name TEXT,
  updated_at      INTEGER NOT NULL,
  updated_by_name TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  closed_at       INTEGER,
  UNIQUE (year, seq)
) STRICT;

CREATE VIRTUAL TABLE incidents_fts USING fts5(
  body, facets,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '2 3 4'
);

-- Append-only: a correction is a new entry that names the one it corrects.
CREATE TABLE incident_timeline (
  seq         INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  at          INTEGER NOT NULL,
  actor_id    TEXT,
  actor_name  TEXT,
  kind        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  data        TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX incident_timeline_incident ON incident_timeline(incident_id, seq);
CREATE INDEX incident_timeline_at ON incident_timeline(at);
CREATE TRIGGER incident_timeline_no_update BEFORE UPDATE ON incident_timeline
BEGIN SELECT RAISE(ABORT, 'the incident timeline is append-only'); END;
CREATE TRIGGER incident_timeline_no_delete BEFORE DELETE ON incident_timeline
BEGIN SELECT RAISE(ABORT, 'the incident timeline is append-only'); END;

CREATE TABLE incident_attachments (
  id              TEXT PRIMARY KEY,
  incident_id     TEXT NOT NULL REFERENCES incidents(id),
  kind            TEXT NOT NULL,
  name            TEXT NOT NULL,
  mime            TEXT NOT NULL,
  bytes           INTEGER NOT NULL,
  sha256          TEXT,
  file            TEXT,
  ref             TEXT,
  camera_id       TEXT,
  taken_at        INTEGER,
  width           INTEGER,
  height          INTEGER,
  created_at      INTEGER NOT NULL,
  created_by_name TEXT
) STRICT;
CREATE INDEX incident_attachments_incident ON incident_attachments(incident_id);
CREATE TRIGGER incident_attachments_no_update BEFORE UPDATE ON incident_attachments
BEGIN SELECT RAISE(ABORT, 'attachments are append-only'); END;
CREATE TRIGGER incident_attachments_no_delete BEFORE DELETE ON incident_attachments
BEGIN SELECT RAISE(ABORT, 'attachments are append-only'); END;

-- Snapshots and uploads waiting to be attached, for their owner only; swept after a day.
CREATE TABLE incident_staged (
  id         TEXT PRIMARY KEY,
  owner_id   TEXT NOT NULL,
  kind       TEXT NOT NULL,
  name       TEXT NOT NULL,
  mime       TEXT NOT NULL,
  bytes      INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  file       TEXT NOT NULL,
  camera_id  TEXT,
  taken_at   INTEGER,
  width      INTEGER,
  height     INTEGER,
  source     TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX incident_staged_created ON incident_staged(created_at);

CREATE TABLE incident_filters (
  id         TEXT PRIMARY KEY,
  owner_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  query      TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (owner_id, name)
) STRICT;

-- One row per camera and kind while open (not acknowledged); a storm only counts it up.
CREATE TABLE alarms (
  rid           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  camera_id     TEXT,
  kind          TEXT NOT NULL,
  priority      INTEGER NOT NULL,
  source        TEXT NOT NULL,
  detail        TEXT,
  first_at      INTEGER NOT NULL,
  last_at       INTEGER NOT NULL,
  count         INTEGER NOT NULL DEFAULT 1,
  cleared_at    INTEGER,
  acked_at      INTEGER,
  acked_by      TEXT,
  acked_by_name TEXT,
  ack_note      TEXT,
  incident_id   TEXT
) STRICT;
CREATE INDEX alarms_open ON alarms(priority, last_at) WHERE acked_at IS NULL;
CREATE INDEX alarms_first ON alarms(first_at);
CREATE INDEX alarms_camera ON alarms(camera_id, first_at);

CREATE TABLE alarm_rules (
  camera_id  TEXT PRIMARY KEY REFERENCES cameras(id) ON DELETE CASCADE,
  rule       TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
) STRICT;

CREATE TABLE alarm_snoozes (
  camera_id  TEXT PRIMARY KEY REFERENCES cameras(id) ON DELETE CASCADE,
  since      INTEGER NOT NULL,
  until      INTEGER NOT NULL,
  by_id      TEXT,
  by_name    TEXT,
  note       TEXT,
  suppressed INTEGER NOT NULL DEFAULT 0
) STRICT;

-- A signed handover never changes; the acknowledgement and later notes are rows of their own.
CREATE TABLE shift_handovers (
  id            TEXT PRIMARY KEY,
  period_from   INTEGER NOT NULL,
  period_to     INTEGER NOT NULL,
  outgoing_id   TEXT NOT NULL,
  outgoing_name TEXT NOT NULL,
  signed_at     INTEGER NOT NULL,
  notes         TEXT NOT NULL,
  scope         TEXT NOT NULL,
  report        TEXT NOT NULL,
  report_sha256 TEXT NOT NULL
) STRICT;
CREATE INDEX shift_handovers_signed ON shift_handovers(signed_at);
CREATE TABLE shift_acknowledgements (
  handover_id TEXT PRIMARY KEY REFERENCES shift_handovers(id),
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  at          INTEGER NOT NULL,
  note        TEXT NOT NULL
) STRICT;
CREATE TABLE shift_notes (
  seq         INTEGER PRIMARY KEY,
  handover_id TEXT NOT NULL REFERENCES shift_handovers(id),
  at          INTEGER NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  text        TEXT NOT NULL
) STRICT;
CREATE INDEX shift_notes_handover ON shift_notes(handover_id, seq);
CREATE TRIGGER shift_handovers_no_update BEFORE UPDATE ON shift_handovers
BEGIN SELECT RAISE(ABORT, 'a signed handover cannot be changed'); END;
CREATE TRIGGER shift_handovers_no_delete BEFORE DELETE ON shift_handovers
BEGIN SELECT RAISE(ABORT, 'a signed handover cannot be deleted'); END;
CREATE TRIGGER shift_acknowledgements_no_update BEFORE UPDATE ON shift_acknowledgements
BEGIN SELECT RAISE(ABORT, 'an acknowledgement cannot be changed'); END;
CREATE TRIGGER shift_acknowledgements_no_delete BEFORE DELETE ON shift_acknowledgements
BEGIN SELECT RAISE(ABORT, 'an acknowledgement cannot be deleted'); END;
CREATE TRIGGER shift_notes_no_update BEFORE UPDATE ON shift_notes
BEGIN SELECT RAISE(ABORT, 'handover notes are append-only'); END;
CREATE TRIGGER shift_notes_no_delete BEFORE DELETE ON shift_notes
BEGIN SELECT RAISE(ABORT, 'handover notes are append-only'); END;
`;
