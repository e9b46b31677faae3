// The map: basemaps (PMTiles or MBTiles files the centre imports) and image maps (a floor plan, a
// scanned ward map), both kept as files under <data-dir>/maps; where each camera sits on an image
// map; hotspots that link one map to another (city → ward → building). Number 011 (010 is taken).
export default `
CREATE TABLE maps (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('basemap', 'image')),
  format     TEXT NOT NULL,
  tile_type  TEXT,
  file       TEXT NOT NULL,
  bytes      INTEGER NOT NULL,
  width      INTEGER,
  height     INTEGER,
  min_zoom   INTEGER,
  max_zoom   INTEGER,
  bounds     TEXT,
  created_at INTEGER NOT NULL,
  created_by TEXT
) STRICT;

CREATE TABLE map_pins (
  map_id    TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  camera_id TEXT NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
  x         REAL NOT NULL,
  y         REAL NOT NULL,
  PRIMARY KEY (map_id, camera_id)
) STRICT;

CREATE TABLE map_hotspots (
  id         TEXT PRIMARY KEY,
  map_id     TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  target_id  TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  label      TEXT NOT NULL,
  x          REAL NOT NULL,
  y          REAL NOT NULL
) STRICT;
CREATE INDEX map_hotspots_map ON map_hotspots(map_id);
`;
