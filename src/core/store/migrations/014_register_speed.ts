// The register at the size of a city (100,000 cameras): two tables kept by triggers so the camera
// table's totals and the ward report do not read every camera on each request. Version 14: 012
// belongs to a branch landing in parallel.
//
// camera_facets: one row per camera in the register (not deleted) with only what the camera table
// filters and sorts on, keyed by the camera's search_rowid (the rowid of camera_fts too, so a word
// search joins it by primary key). Counting a filter reads camera_facets_filter, which has no sort
// key: a sixth of what counting over `cameras_sort` read (it carries the 85-byte sort key of every
// camera), 25 ms → 6 ms.
//
// camera_tally: per area, how many cameras (not deleted) it holds, by status, ownership,
// transmission and purpose — the ward report for today reads ~40,000 small rows instead of
// summing 25 expressions over 100,000 cameras. Cameras installed after today are not in today's
// report; they are few and subtracted by the report (cameras_installed_later).
//
// Triggers, not service code: the import worker, the health monitor and the area operations all
// write cameras and points, and none of them can forget.
export default `
-- Cameras written by something other than the register's own insert (which numbers them) get a
-- search row number too, so every camera is counted in the camera table.
CREATE TRIGGER cameras_search_rowid AFTER INSERT ON cameras WHEN NEW.search_rowid IS NULL BEGIN
  UPDATE cameras SET search_rowid = (SELECT coalesce(max(search_rowid), 0) + 1 FROM cameras) WHERE id = NEW.id;
END;
UPDATE cameras SET search_rowid = (SELECT coalesce(max(c2.search_rowid), 0) FROM cameras c2) + rowid WHERE search_rowid IS NULL;

CREATE TABLE camera_facets (
  search_rowid INTEGER PRIMARY KEY,
  status       TEXT NOT NULL,
  ownership    TEXT NOT NULL,
  transmission TEXT NOT NULL,
  disabled     INTEGER NOT NULL,
  purposes     INTEGER NOT NULL,
  area_id      TEXT,
  category_id  TEXT,
  sort_key     TEXT NOT NULL
) STRICT;
-- Counting reads this index alone (it holds every filter, not the long sort key); the area index
-- serves a ward's few thousand cameras; the table row, found by a word's rowid, has the sort key.
CREATE INDEX camera_facets_filter ON camera_facets(status, ownership, transmission, disabled, purposes, category_id, area_id);
CREATE INDEX camera_facets_area ON camera_facets(area_id);
-- The few disabled cameras: a word search's total is the word's count less these.
CREATE INDEX camera_facets_disabled ON camera_facets(search_rowid) WHERE disabled = 1;

CREATE TRIGGER camera_facets_insert AFTER INSERT ON cameras WHEN NEW.deleted_at IS NULL AND NEW.search_rowid IS NOT NULL BEGIN
  INSERT OR REPLACE INTO camera_facets VALUES (NEW.search_rowid, NEW.status, NEW.ownership, NEW.transmission, NEW.disabled, NEW.point_purposes,
    NEW.area_id, (SELECT category_id FROM points WHERE id = NEW.point_id), NEW.sort_key);
END;
CREATE TRIGGER camera_facets_update
AFTER UPDATE OF status, ownership, transmission, disabled, point_purposes, area_id, point_id, deleted_at, search_rowid, sort_key ON cameras BEGIN
  DELETE FROM camera_facets WHERE search_rowid = OLD.search_rowid;
  INSERT OR REPLACE INTO camera_facets SELECT NEW.search_rowid, NEW.status, NEW.ownership, NEW.transmission, NEW.disabled, NEW.point_purposes,
    NEW.area_id, (SELECT category_id FROM points WHERE id = NEW.point_id), NEW.sort_key WHERE NEW.deleted_at IS NULL AND NEW.search_rowid IS NOT NULL;
END;
CREATE TRIGGER camera_facets_delete AFTER DELETE ON cameras BEGIN
  DELETE FROM camera_facets WHERE search_rowid = OLD.search_rowid;
END;
CREATE TRIGGER camera_facets_category AFTER UPDATE OF category_id ON points BEGIN
  UPDATE camera_facets SET category_id = NEW.category_id WHERE search_rowid IN (SELECT search_rowid FROM cameras WHERE point_id = NEW.id);
END;
INSERT INTO camera_facets
  SELECT c.search_rowid, c.status, c.ownership, c.transmission, c.disabled, c.point_purposes, c.area_id, p.category_id, c.sort_key
  FROM cameras c LEFT JOIN points p ON p.id = c.point_id WHERE c.deleted_at IS NULL AND c.search_rowid IS NOT NULL;

-- facet: 'cameras' (value ''), 'status', 'ownership', 'transmission', 'purpose' (value: the bit's
-- number, as text, in the order of PURPOSES). Rows that fall to 0 stay: an area keeps its few rows.
CREATE TABLE camera_tally (
  area_id TEXT NOT NULL,
  facet   TEXT NOT NULL,
  value   TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (area_id, facet, value)
) STRICT, WITHOUT ROWID;
CREATE TABLE purpose_bits (bit INTEGER PRIMARY KEY) STRICT;
INSERT INTO purpose_bits(bit) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15);

CREATE TRIGGER camera_tally_insert AFTER INSERT ON cameras WHEN NEW.deleted_at IS NULL AND NEW.area_id IS NOT NULL BEGIN
  INSERT INTO camera_tally(area_id, facet, value, n)
    SELECT NEW.area_id, 'cameras', '', 1 UNION ALL
    SELECT NEW.area_id, 'status', NEW.status, 1 UNION ALL
    SELECT NEW.area_id, 'ownership', NEW.ownership, 1 UNION ALL
    SELECT NEW.area_id, 'transmission', NEW.transmission, 1 UNION ALL
    SELECT NEW.area_id, 'purpose', CAST(bit AS TEXT), 1 FROM purpose_bits WHERE (NEW.point_purposes >> bit) & 1
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER camera_tally_update
AFTER UPDATE OF status, ownership, transmission, point_purposes, area_id, deleted_at ON cameras BEGIN
  UPDATE camera_tally SET n = n - 1 WHERE OLD.deleted_at IS NULL AND area_id = OLD.area_id AND (
    (facet = 'cameras') OR (facet = 'status' AND value = OLD.status) OR (facet = 'ownership' AND value = OLD.ownership)
    OR (facet = 'transmission' AND value = OLD.transmission) OR (facet = 'purpose' AND (OLD.point_purposes >> CAST(value AS INTEGER)) & 1));
  INSERT INTO camera_tally(area_id, facet, value, n)
    SELECT * FROM (
      SELECT NEW.area_id, 'cameras', '', 1 UNION ALL
      SELECT NEW.area_id, 'status', NEW.status, 1 UNION ALL
      SELECT NEW.area_id, 'ownership', NEW.ownership, 1 UNION ALL
      SELECT NEW.area_id, 'transmission', NEW.transmission, 1 UNION ALL
      SELECT NEW.area_id, 'purpose', CAST(bit AS TEXT), 1 FROM purpose_bits WHERE (NEW.point_purposes >> bit) & 1)
    WHERE NEW.deleted_at IS NULL AND NEW.area_id IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER camera_tally_delete AFTER DELETE ON cameras WHEN OLD.deleted_at IS NULL BEGIN
  UPDATE camera_tally SET n = n - 1 WHERE area_id = OLD.area_id AND (
    (facet = 'cameras') OR (facet = 'status' AND value = OLD.status) OR (facet = 'ownership' AND value = OLD.ownership)
    OR (facet = 'transmission' AND value = OLD.transmission) OR (facet = 'purpose' AND (OLD.point_purposes >> CAST(value AS INTEGER)) & 1));
END;
INSERT INTO camera_tally(area_id, facet, value, n)
  SELECT area_id, 'cameras', '', count(*) FROM cameras WHERE deleted_at IS NULL AND area_id IS NOT NULL GROUP BY 1 UNION ALL
  SELECT area_id, 'status', status, count(*) FROM cameras WHERE deleted_at IS NULL AND area_id IS NOT NULL GROUP BY 1, 3 UNION ALL
  SELECT area_id, 'ownership', ownership, count(*) FROM cameras WHERE deleted_at IS NULL AND area_id IS NOT NULL GROUP BY 1, 3 UNION ALL
  SELECT area_id, 'transmission', transmission, count(*) FROM cameras WHERE deleted_at IS NULL AND area_id IS NOT NULL GROUP BY 1, 3 UNION ALL
  SELECT c.area_id, 'purpose', CAST(b.bit AS TEXT), count(*) FROM cameras c JOIN purpose_bits b ON (c.point_purposes >> b.bit) & 1
    WHERE c.deleted_at IS NULL AND c.area_id IS NOT NULL GROUP BY 1, 3;

-- Today's report takes these off the tally: cameras whose install date is still ahead.
CREATE INDEX cameras_installed_later ON cameras(install_date) WHERE deleted_at IS NULL AND install_date IS NOT NULL;
-- Rental-house compliance: "a camera in service at this point" answered from the index alone.
CREATE INDEX cameras_point_in_service ON cameras(point_id, status) WHERE deleted_at IS NULL;
`;
