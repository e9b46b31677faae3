// Permissions are what the contract checks; roles are bundles of them that an administrator edits
// (they live in the database). The built-in roles below are the starting set a fresh install gets;
// their names are translated (`roles.<id>`), custom roles carry their own name.

export const PERMISSIONS = [
  'session', // any signed-in user: who am I, my preferences, my password
  'live.view',
  'playback.view', // recorded video
  'ptz.control', // steer PTZ cameras; who wins is decided by the role's PTZ rank
  'export.create', // evidence export
  'evidence.unlock', // lift an evidence lock (audited): segments under it become deletable again
  'register.view',
  'register.manage',
  'views.manage', // shared views and tours; personal ones need only live.view
  'users.manage', // accounts, roles and area scopes
  'audit.read',
  'settings.manage',
  'system.backup',
  'incidents.view', // the incident log of the caller's areas, its attachments and exports
  'incidents.manage', // log incidents, comment, change status, attach files
  'incidents.configure', // the category list
  'alarms.handle', // the alarm queue: acknowledge, snooze, escalate
  'alarms.configure', // per-camera alarm rules (which events, weekly hours, priority)
  'shift.handover', // sign a shift off and acknowledge the next one
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(p: string): p is Permission {
  return (PERMISSIONS as readonly string[]).includes(p);
}

/** The roles a fresh install creates. Their permissions may be changed later; the ids stay. */
export const BUILTIN_ROLES = ['officer', 'supervisor', 'clerk', 'technician', 'ward', 'auditor', 'admin'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

export interface RoleDefinition {
  permissions: readonly Permission[];
  /** Who wins a PTZ camera: a higher rank takes over a lower one; 0 = no PTZ. */
  ptzRank: number;
}

export const BUILTIN_ROLE_DEFAULTS: Record<BuiltinRole, RoleDefinition> = {
  // The watch officer keeps the wall for a shift and may steer cameras until a supervisor takes over.
  // The officer also keeps the book of the shift: incidents, the alarm queue and the handover.
  officer: {
    permissions: [
      'session',
      'live.view',
      'playback.view',
      'ptz.control',
      'register.view',
      'incidents.view',
      'incidents.manage',
      'alarms.handle',
      'shift.handover',
    ],
    ptzRank: 10,
  },
  // The supervisor reviews incidents and decides what raises an alarm and which categories exist.
  supervisor: {
    permissions: [
      'session',
      'live.view',
      'playback.view',
      'ptz.control',
      'export.create',
      'evidence.unlock',
      'register.view',
      'views.manage',
      'incidents.view',
      'incidents.manage',
      'incidents.configure',
      'alarms.handle',
      'alarms.configure',
      'shift.handover',
    ],
    ptzRank: 50,
  },
  // The clerk reads incidents to find what to export for a case.
  clerk: { permissions: ['session', 'live.view', 'playback.view', 'export.create', 'register.view', 'incidents.view'], ptzRank: 0 },
  // The technician sees camera-fault incidents and handles the alarms that are about cameras.
  technician: {
    permissions: ['session', 'live.view', 'ptz.control', 'register.view', 'register.manage', 'incidents.view', 'alarms.handle'],
    ptzRank: 20,
  },
  // Ward staff see their ward's cameras, statistics and incidents; their accounts carry an area scope.
  ward: { permissions: ['session', 'live.view', 'playback.view', 'register.view', 'incidents.view'], ptzRank: 0 },
  // The auditor reads the audit trail and nothing else: no video, no register.
  auditor: { permissions: ['session', 'audit.read'], ptzRank: 0 },
  admin: { permissions: [...PERMISSIONS], ptzRank: 100 },
};
