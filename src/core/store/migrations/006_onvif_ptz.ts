// ONVIF onboarding and PTZ (issue "Cameras in, and under control"). Version 6: 005 is the durable
// audit log, landing from another branch.
//
// camera_onvif: what a camera said about itself when it was added by ONVIF (identity, to tell
// "already registered" by endpoint, serial or MAC; the media profiles behind the main and sub
// streams and their codecs, for the live relay's cold start), its measured clock offset, and the
// field of view a technician set for click-to-centre. A table of its own rather than more columns
// on `cameras`: cameras added by RTSP URL have none of it, and the register's own row stays as it is.
//
// ptz_preset_names: the console's names for presets. ONVIF has no "rename" (SetPreset stores the
// current position again), and many firmwares cut names at ~32 ASCII bytes: Vietnamese names with
// diacritics live here, keyed by the camera's token.
//
// ptz_patrols: presets with dwell times, run by the core.
export default `
CREATE TABLE camera_onvif (
  camera_id        TEXT PRIMARY KEY REFERENCES cameras(id) ON DELETE CASCADE,
  endpoint         TEXT,
  manufacturer     TEXT,
  model            TEXT,
  firmware         TEXT,
  serial           TEXT,
  mac              TEXT,
  snapshot_uri     TEXT,
  profile_main     TEXT,
  profile_sub      TEXT,
  codec_main       TEXT,
  codec_sub        TEXT,
  clock_offset_ms  INTEGER,
  clock_checked_at INTEGER,
  fov              TEXT,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX camera_onvif_endpoint ON camera_onvif(endpoint);
CREATE INDEX camera_onvif_serial ON camera_onvif(serial);
CREATE INDEX camera_onvif_mac ON camera_onvif(mac);

CREATE TABLE ptz_preset_names (
  camera_id TEXT NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
  token     TEXT NOT NULL,
  name      TEXT NOT NULL,
  PRIMARY KEY (camera_id, token)
) STRICT;

CREATE TABLE ptz_patrols (
  id         TEXT PRIMARY KEY,
  camera_id  TEXT NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  steps      TEXT NOT NULL,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX ptz_patrols_camera ON ptz_patrols(camera_id);
`;
