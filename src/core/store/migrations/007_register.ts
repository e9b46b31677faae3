// The camera network register (the register issue): the effective-dated area tree, the fields
// wards report for points and cameras, per-record history, the camera status log that "as of"
// reports read, and the folded search index. Numbered 007: 005 and 006 belong to other branches.
//
// Effective dating, in plain SQL: every area has versions (name, parent, kind) valid over
// [valid_from, valid_to) in calendar days; every point has placements (which area) likewise. The
// `areas` and `points` rows keep the state in force today, so the wall, scopes and everything that
// asks "where is it now" read them as before; an "as of" report reads the versions.
export default `
ALTER TABLE areas ADD COLUMN retired_on TEXT;
ALTER TABLE areas ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE areas ADD COLUMN deleted_at INTEGER;
ALTER TABLE areas ADD COLUMN boundary TEXT;
ALTER TABLE areas ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';

CREATE TABLE area_versions (
  area_id    TEXT NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  valid_from TEXT NOT NULL,
  valid_to   TEXT,
  parent_id  TEXT REFERENCES areas(id),
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  PRIMARY KEY (area_id, valid_from)
) STRICT;
CREATE INDEX area_versions_day ON area_versions(valid_from, valid_to);

-- Where a retired area's points and users went (a merge: one successor; a split: several).
CREATE TABLE area_successors (
  area_id      TEXT NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  successor_id TEXT NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  PRIMARY KEY (area_id, successor_id)
) STRICT;

CREATE TABLE location_categories (
  id       TEXT PRIMARY KEY,
  name     TEXT,
  builtin  INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO location_categories(id, builtin, position) VALUES
  ('intersection', 1, 1), ('traffic_route', 1, 2), ('station', 1, 3), ('bus_station', 1, 4), ('airport', 1, 5),
  ('market', 1, 6), ('supermarket', 1, 7), ('hotel', 1, 8), ('industrial_park', 1, 9), ('bank', 1, 10),
  ('school', 1, 11), ('historic_site', 1, 12), ('residential_group', 1, 13), ('rental_house', 1, 14), ('other', 1, 99);

ALTER TABLE points ADD COLUMN category_id TEXT REFERENCES location_categories(id);
-- Purposes as bits, in the order of PURPOSES (contract/register.ts): one integer, counted in SQL.
ALTER TABLE points ADD COLUMN purposes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE points ADD COLUMN custodian TEXT NOT NULL DEFAULT '';
ALTER TABLE points ADD COLUMN custodian_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE points ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE points ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE points ADD COLUMN deleted_at INTEGER;
ALTER TABLE points ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
ALTER TABLE points ADD COLUMN search TEXT NOT NULL DEFAULT '';
CREATE INDEX points_category ON points(category_id);
CREATE INDEX points_stats ON points(deleted_at, area_id, category_id);

CREATE TABLE point_placements (
  point_id   TEXT NOT NULL REFERENCES points(id) ON DELETE CASCADE,
  valid_from TEXT NOT NULL,
  valid_to   TEXT,
  area_id    TEXT NOT NULL REFERENCES areas(id),
  PRIMARY KEY (point_id, valid_from)
) STRICT;
CREATE INDEX point_placements_area ON point_placements(area_id);

ALTER TABLE cameras ADD COLUMN make TEXT NOT NULL DEFAULT '';
ALTER TABLE cameras ADD COLUMN model TEXT NOT NULL DEFAULT '';
ALTER TABLE cameras ADD COLUMN serial TEXT NOT NULL DEFAULT '';
ALTER TABLE cameras ADD COLUMN heading REAL;
ALTER TABLE cameras ADD COLUMN field_of_view REAL;
ALTER TABLE cameras ADD COLUMN ownership TEXT NOT NULL DEFAULT 'state';
ALTER TABLE cameras ADD COLUMN funding_source TEXT NOT NULL DEFAULT '';
ALTER TABLE cameras ADD COLUMN isp TEXT;
ALTER TABLE cameras ADD COLUMN install_date TEXT;
ALTER TABLE cameras ADD COLUMN warranty_end TEXT;
ALTER TABLE cameras ADD COLUMN last_seen INTEGER;
ALTER TABLE cameras ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE cameras ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cameras ADD COLUMN deleted_at INTEGER;
ALTER TABLE cameras ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
-- The camera's row in camera_fts (a rowid of our own: a TEXT-keyed table's rowid may change on VACUUM).
ALTER TABLE cameras ADD COLUMN search_rowid INTEGER;
UPDATE cameras SET ownership = CASE funding WHEN 'police' THEN 'police' WHEN 'socialised' THEN 'socialised' ELSE 'state' END;
UPDATE cameras SET search_rowid = rowid;
CREATE UNIQUE INDEX cameras_search_rowid ON cameras(search_rowid);
-- The camera table's order (Vietnamese, by sort_key) with the camera-level filters beside it, so a
-- filtered first page is one ordered index scan without table look-ups until a row matches.
-- (Not partial indexes: SQLite does not count a partial index's own WHERE column as covered.)
CREATE INDEX cameras_serial ON cameras(serial) WHERE serial <> '';
-- Covering index for the statistics: one ordered scan, no table look-ups, no join per camera.
-- The camera's point's area and purposes, kept by triggers: the ward report counts 100,000 cameras
-- by area in one scan of cameras_stats; joining each camera to its point (a text-key look-up per
-- row) made it ten times slower. Triggers, not service code, so no write path can forget them.
ALTER TABLE cameras ADD COLUMN area_id TEXT;
ALTER TABLE cameras ADD COLUMN point_purposes INTEGER NOT NULL DEFAULT 0;
UPDATE cameras SET area_id = (SELECT p.area_id FROM points p WHERE p.id = cameras.point_id);
-- (The register's own inserts set both columns themselves; this catches any other writer.)
CREATE TRIGGER cameras_point_insert AFTER INSERT ON cameras WHEN NEW.area_id IS NULL BEGIN
  UPDATE cameras SET area_id = (SELECT area_id FROM points WHERE id = NEW.point_id), point_purposes = (SELECT purposes FROM points WHERE id = NEW.point_id) WHERE id = NEW.id;
END;
CREATE TRIGGER cameras_point_move AFTER UPDATE OF point_id ON cameras BEGIN
  UPDATE cameras SET area_id = (SELECT area_id FROM points WHERE id = NEW.point_id), point_purposes = (SELECT purposes FROM points WHERE id = NEW.point_id) WHERE id = NEW.id;
END;
CREATE TRIGGER points_area_or_purposes AFTER UPDATE OF area_id, purposes ON points BEGIN
  UPDATE cameras SET area_id = NEW.area_id, point_purposes = NEW.purposes WHERE point_id = NEW.id;
END;
CREATE INDEX cameras_stats ON cameras(deleted_at, area_id, status, ownership, transmission, point_purposes, install_date);
CREATE INDEX cameras_sort ON cameras(deleted_at, sort_key, search_rowid, status, ownership, transmission, disabled, area_id, point_purposes);


-- Folded text (NFC, lower case, đ→d, no marks) of the camera, its point and area: "nguyen hue"
-- finds "Nguyễn Huệ". Contentless: the words are only searched, never read back.
CREATE VIRTUAL TABLE camera_fts USING fts5(words, content='', contentless_delete=1, tokenize='unicode61');

-- What "as of" reports read for a camera's status on a past day.
CREATE TABLE camera_status_log (
  camera_id TEXT NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
  at        INTEGER NOT NULL,
  status    TEXT NOT NULL
) STRICT;
CREATE INDEX camera_status_log_camera ON camera_status_log(camera_id, at);

-- Every change of every record: who, when, before → after (JSON {field: [before, after]}).
CREATE TABLE register_history (
  seq        INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  at         INTEGER NOT NULL,
  actor_id   TEXT,
  actor_name TEXT,
  action     TEXT NOT NULL,
  changes    TEXT NOT NULL
) STRICT;
CREATE INDEX register_history_record ON register_history(kind, record_id, seq);

-- Existing rows: always there (0001-01-01), as they stand today.
INSERT INTO area_versions(area_id, valid_from, valid_to, parent_id, name, kind) SELECT id, '0001-01-01', NULL, parent_id, name, kind FROM areas;
INSERT INTO point_placements(point_id, valid_from, valid_to, area_id) SELECT id, '0001-01-01', NULL, area_id FROM points;
INSERT INTO camera_status_log(camera_id, at, status) SELECT id, created_at, status FROM cameras;
`;
