// Sign-in, roles and area scopes. Roles become data an administrator edits (the built-in ones are
// seeded by the auth service at start, so their permissions follow the code's defaults until an
// administrator changes them). Sessions are stored by the SHA-256 of their token, never the token.
// The foundation's single 'operator' role is the watch officer's.
export default `
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until INTEGER;
ALTER TABLE users ADD COLUMN last_sign_in_at INTEGER;
ALTER TABLE users ADD COLUMN password_changed_at INTEGER;
UPDATE users SET role = 'officer' WHERE role = 'operator';

CREATE TABLE roles (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  builtin     INTEGER NOT NULL DEFAULT 0,
  permissions TEXT NOT NULL,
  ptz_rank    INTEGER NOT NULL DEFAULT 0,
  customised  INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE user_scopes (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  area_id TEXT NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, area_id)
) STRICT;

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  locked      INTEGER NOT NULL DEFAULT 0,
  source      TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);
`;
