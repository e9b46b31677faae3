// Health of the camera network (issue 18). Version 13: 011 and 012 belong to branches landing in
// parallel.
//
// health_changes keeps only changes of what the probes and relays say (with the reason), never each
// probe: 5,000 cameras probed every minute would otherwise write 7 million rows a day. Uptime is read
// from the register's camera_status_log (working / offline / awaiting repair), which the monitor
// keeps through RegisterService.reportHealth.
//
// Repair tickets name a camera or a point (or both); the custodian's contact is copied onto the
// ticket when it opens, so the ticket still says whom the technician called after the point changes.
export default `
CREATE TABLE health_changes (
  camera_id TEXT NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
  at        INTEGER NOT NULL,
  state     TEXT NOT NULL,
  reason    TEXT
) STRICT;
CREATE INDEX health_changes_camera ON health_changes(camera_id, at);

CREATE TABLE repair_assignees (
  id       TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('technician', 'contractor')),
  disabled INTEGER NOT NULL DEFAULT 0,
  sort     INTEGER NOT NULL DEFAULT 100
) STRICT;
INSERT INTO repair_assignees(id, name, kind, sort) VALUES
  ('viettel', 'Viettel', 'contractor', 10),
  ('vnpt', 'VNPT', 'contractor', 20),
  ('fpt', 'FPT', 'contractor', 30),
  ('other', 'Khác / Other', 'contractor', 90);

CREATE TABLE repair_tickets (
  id                TEXT PRIMARY KEY,
  number            INTEGER NOT NULL UNIQUE,
  camera_id         TEXT REFERENCES cameras(id) ON DELETE SET NULL,
  point_id          TEXT REFERENCES points(id) ON DELETE SET NULL,
  title             TEXT NOT NULL,
  assignee_id       TEXT REFERENCES repair_assignees(id),
  custodian         TEXT NOT NULL DEFAULT '',
  custodian_contact TEXT NOT NULL DEFAULT '',
  due_date          TEXT,
  status            TEXT NOT NULL,
  automatic         INTEGER NOT NULL DEFAULT 0,
  opened_at         INTEGER NOT NULL,
  opened_by         TEXT,
  closed_at         INTEGER
) STRICT;
CREATE INDEX repair_tickets_status ON repair_tickets(status, opened_at);
CREATE INDEX repair_tickets_camera ON repair_tickets(camera_id, opened_at);

CREATE TABLE repair_ticket_events (
  seq        INTEGER PRIMARY KEY,
  ticket_id  TEXT NOT NULL REFERENCES repair_tickets(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  actor_name TEXT,
  kind       TEXT NOT NULL,
  text       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX repair_ticket_events_ticket ON repair_ticket_events(ticket_id, seq);

CREATE TABLE maintenance_plans (
  point_id    TEXT PRIMARY KEY REFERENCES points(id) ON DELETE CASCADE,
  every_days  INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 3650),
  last_done   TEXT,
  assignee_id TEXT REFERENCES repair_assignees(id)
) STRICT;
`;
