// A wall an officer can trust for a shift: each window's wall kept per user (layout, cameras,
// streams, zoom, parked cameras), each user's preferences (UI scale, contrast, operator mode,
// default view per window), and an explicit Shift+number per view instead of alphabetical order.
// Number 009: 005–008 belong to the audit store, ONVIF/PTZ, the register and recording.
export default `
ALTER TABLE views ADD COLUMN shortcut INTEGER;

CREATE TABLE wall_states (
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  window_key TEXT NOT NULL,
  state      TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, window_key)
) STRICT;

CREATE TABLE user_preferences (
  user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  prefs      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`;
