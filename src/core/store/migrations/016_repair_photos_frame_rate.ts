// Photos on repair tickets, and the frame rate a camera is configured to send (issue 18).
//
// A photo's file lives under <data-dir>/repair/files/<yyyy>/<mm>/<id> with a small JPEG thumbnail
// beside it (<id>.thumb); the name the technician's file had is kept here, sanitised, and only ever
// shown or sent back as a download name, never used as a path.
//
// cameras.frame_rate: what the camera's main stream is set to send (frames per second). The live
// relay measures what arrives; well below this for a while makes the camera "degraded" (low_fps).
// NULL: not known, never judged.
export default `
CREATE TABLE repair_ticket_photos (
  id         TEXT PRIMARY KEY,
  ticket_id  TEXT NOT NULL REFERENCES repair_tickets(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  mime       TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  bytes      INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  width      INTEGER,
  height     INTEGER,
  file       TEXT NOT NULL,
  thumb      TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT
) STRICT;
CREATE INDEX repair_ticket_photos_ticket ON repair_ticket_photos(ticket_id, created_at);

ALTER TABLE cameras ADD COLUMN frame_rate REAL CHECK (frame_rate IS NULL OR (frame_rate > 0 AND frame_rate <= 240));
`;
