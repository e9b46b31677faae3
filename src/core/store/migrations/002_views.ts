// The wall: views (layout + cameras), tours (views or cameras cycled with a dwell time), and each
// user's workspace (which windows are open, on which display, showing which view).
// owner_id NULL means shared with everyone.
export default `
CREATE TABLE views (
  id         TEXT PRIMARY KEY,
  owner_id   TEXT REFERENCES users(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  layout     TEXT NOT NULL,
  cells      TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX views_owner ON views(owner_id);

CREATE TABLE tours (
  id            TEXT PRIMARY KEY,
  owner_id      TEXT REFERENCES users(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  dwell_seconds INTEGER NOT NULL,
  steps         TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE workspaces (
  user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  state      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`;
