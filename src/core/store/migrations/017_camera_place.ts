// camera_facets loses its 85-byte sort key and gains `place`: an integer that follows the camera
// table's name order (sort key, then search_rowid), with gaps so that a new camera fits between
// its neighbours. A word search joins camera_facets once per matching camera and sorted the
// matches by that long key: with the table a quarter the size and an integer to sort on, "khach
// san" with a purpose (6,000 of 12,000 matches) went from 31–64 ms to 15. The camera's own row keeps
// the sort key; cameras_sort still walks it.
//
// The table is made anew rather than altered: dropping a column leaves every page as full of
// free space as before, and the join reads pages, not rows. Its triggers go and come back with it.
//
// A camera added or renamed gets place NULL from the triggers (they cannot see the order of names
// cheaply); the camera list places those before it sorts by place (camera-order.ts), and until
// then walks the table in name order.
export default `
DROP TRIGGER camera_facets_insert;
DROP TRIGGER camera_facets_update;
DROP TRIGGER camera_facets_delete;
DROP TRIGGER camera_facets_category;
DROP TABLE camera_facets;

CREATE TABLE camera_facets (
  search_rowid INTEGER PRIMARY KEY,
  status       TEXT NOT NULL,
  ownership    TEXT NOT NULL,
  transmission TEXT NOT NULL,
  disabled     INTEGER NOT NULL,
  purposes     INTEGER NOT NULL,
  area_id      TEXT,
  category_id  TEXT,
  place        INTEGER
) STRICT;
CREATE INDEX camera_facets_filter ON camera_facets(status, ownership, transmission, disabled, purposes, category_id, area_id);
CREATE INDEX camera_facets_area ON camera_facets(area_id);
CREATE INDEX camera_facets_disabled ON camera_facets(search_rowid) WHERE disabled = 1;
CREATE INDEX camera_facets_unplaced ON camera_facets(search_rowid) WHERE place IS NULL;

CREATE TRIGGER camera_facets_insert AFTER INSERT ON cameras WHEN NEW.deleted_at IS NULL AND NEW.search_rowid IS NOT NULL BEGIN
  INSERT OR REPLACE INTO camera_facets(search_rowid, status, ownership, transmission, disabled, purposes, area_id, category_id, place)
    VALUES (NEW.search_rowid, NEW.status, NEW.ownership, NEW.transmission, NEW.disabled, NEW.point_purposes,
      NEW.area_id, (SELECT category_id FROM points WHERE id = NEW.point_id), NULL);
END;
-- A camera keeps its place unless its name order changed (renamed, renumbered, brought back).
CREATE TRIGGER camera_facets_update
AFTER UPDATE OF status, ownership, transmission, disabled, point_purposes, area_id, point_id, deleted_at, search_rowid, sort_key ON cameras BEGIN
  DELETE FROM camera_facets WHERE search_rowid = OLD.search_rowid AND (NEW.search_rowid IS NOT OLD.search_rowid OR NEW.deleted_at IS NOT NULL);
  INSERT OR REPLACE INTO camera_facets(search_rowid, status, ownership, transmission, disabled, purposes, area_id, category_id, place)
    SELECT NEW.search_rowid, NEW.status, NEW.ownership, NEW.transmission, NEW.disabled, NEW.point_purposes,
      NEW.area_id, (SELECT category_id FROM points WHERE id = NEW.point_id),
      (SELECT f.place FROM camera_facets f WHERE f.search_rowid = NEW.search_rowid
         AND NEW.sort_key IS OLD.sort_key AND NEW.search_rowid IS OLD.search_rowid AND OLD.deleted_at IS NULL)
    WHERE NEW.deleted_at IS NULL AND NEW.search_rowid IS NOT NULL;
END;
CREATE TRIGGER camera_facets_delete AFTER DELETE ON cameras BEGIN
  DELETE FROM camera_facets WHERE search_rowid = OLD.search_rowid;
END;
CREATE TRIGGER camera_facets_category AFTER UPDATE OF category_id ON points BEGIN
  UPDATE camera_facets SET category_id = NEW.category_id WHERE search_rowid IN (SELECT search_rowid FROM cameras WHERE point_id = NEW.id);
END;

-- Written in rowid order (pages filled one after another), placed 2^32 apart in name order.
INSERT INTO camera_facets(search_rowid, status, ownership, transmission, disabled, purposes, area_id, category_id, place)
  SELECT c.search_rowid, c.status, c.ownership, c.transmission, c.disabled, c.point_purposes, c.area_id, p.category_id,
    row_number() OVER (ORDER BY c.sort_key, c.search_rowid) * 4294967296
  FROM cameras c LEFT JOIN points p ON p.id = c.point_id WHERE c.deleted_at IS NULL AND c.search_rowid IS NOT NULL
  ORDER BY c.search_rowid;
`;
