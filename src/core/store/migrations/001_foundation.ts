// Settings, users, and the register's tree: areas (data, not code: the centre edits the tree),
// points (mounting locations) and cameras (one video device or channel at a point).
export default `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id           TEXT PRIMARY KEY,
  username     TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role         TEXT NOT NULL,
  created_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE areas (
  id         TEXT PRIMARY KEY,
  parent_id  TEXT REFERENCES areas(id) ON DELETE RESTRICT,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX areas_parent ON areas(parent_id);

CREATE TABLE points (
  id         TEXT PRIMARY KEY,
  area_id    TEXT NOT NULL REFERENCES areas(id) ON DELETE RESTRICT,
  name       TEXT NOT NULL,
  address    TEXT NOT NULL DEFAULT '',
  lat        REAL,
  lon        REAL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX points_area ON points(area_id);

CREATE TABLE cameras (
  id             TEXT PRIMARY KEY,
  point_id       TEXT NOT NULL REFERENCES points(id) ON DELETE RESTRICT,
  name           TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'unknown',
  ptz            INTEGER NOT NULL DEFAULT 0,
  onvif_url      TEXT,
  rtsp_main      TEXT,
  rtsp_sub       TEXT,
  username       TEXT,
  password_box   TEXT,
  rtsp_transport TEXT NOT NULL DEFAULT 'tcp',
  transmission   TEXT NOT NULL DEFAULT 'direct',
  funding        TEXT NOT NULL DEFAULT 'state',
  created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX cameras_point ON cameras(point_id);
`;
