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
  officer: { permissions: ['session', 'live.view', 'playback.view', 'ptz.control', 'register.view'], ptzRank: 10 },
  supervisor: {
    permissions: ['session', 'live.view', 'playback.view', 'ptz.control', 'export.create', 'evidence.unlock', 'register.view', 'views.manage'],
    ptzRank: 50,
  },
  clerk: { permissions: ['session', 'live.view', 'playback.view', 'export.create', 'register.view'], ptzRank: 0 },
  technician: { permissions: ['session', 'live.view', 'ptz.control', 'register.view', 'register.manage'], ptzRank: 20 },
  // Ward staff see their ward's cameras and statistics; their accounts carry an area scope.
  ward: { permissions: ['session', 'live.view', 'playback.view', 'register.view'], ptzRank: 0 },
  // The auditor reads the audit trail and nothing else: no video, no register.
  auditor: { permissions: ['session', 'audit.read'], ptzRank: 0 },
  admin: { permissions: [...PERMISSIONS], ptzRank: 100 },
};
