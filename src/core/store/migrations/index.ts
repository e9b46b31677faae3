// Numbered migrations, applied in order at start inside one transaction. PRAGMA user_version holds
// the number of the last one applied. Add a file `NNN_name.ts` and list it here; never edit one
// that has shipped.
import m001 from './001_foundation';
import m002 from './002_views';
import m003 from './003_camera_stream';
import m004 from './004_auth';
import m005 from './005_audit';
import m006 from './006_onvif_ptz';
import m007 from './007_register';
import m008 from './008_recording';
import m009 from './009_wall_workspace';
import m010 from './010_incidents';
import m011 from './011_maps';
import m013 from './013_health_repair';
import m014 from './014_register_speed';
import m015 from './015_health_offline_index';
import m016 from './016_repair_photos_frame_rate';
import m017 from './017_camera_place';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: m001 },
  { version: 2, name: 'views', sql: m002 },
  { version: 3, name: 'camera_stream', sql: m003 },
  { version: 4, name: 'auth', sql: m004 },
  { version: 5, name: 'audit', sql: m005 },
  { version: 6, name: 'onvif_ptz', sql: m006 },
  { version: 7, name: 'register', sql: m007 },
  { version: 8, name: 'recording', sql: m008 },
  { version: 9, name: 'wall_workspace', sql: m009 },
  { version: 10, name: 'incidents', sql: m010 },
  { version: 11, name: 'maps', sql: m011 },
  { version: 13, name: 'health_repair', sql: m013 },
  { version: 14, name: 'register_speed', sql: m014 },
  { version: 15, name: 'health_offline_index', sql: m015 },
  { version: 16, name: 'repair_photos_frame_rate', sql: m016 },
  { version: 17, name: 'camera_place', sql: m017 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
