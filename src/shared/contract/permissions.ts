// Permissions are what the contract checks; roles are bundles of them. The auth issue will let an
// administrator edit roles and area scopes; until then every role's set is declared here.

export const PERMISSIONS = [
  'session', // any signed-in user: who am I, my preferences
  'live.view',
  'register.view',
  'register.manage',
  'views.manage', // shared views and tours; personal ones need only live.view
  'settings.manage',
  'system.backup',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['operator', 'supervisor', 'clerk', 'technician', 'admin', 'ward'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  operator: ['session', 'live.view', 'register.view'],
  supervisor: ['session', 'live.view', 'register.view', 'views.manage'],
  clerk: ['session', 'live.view', 'register.view'],
  technician: ['session', 'live.view', 'register.view', 'register.manage'],
  ward: ['session', 'live.view', 'register.view'],
  admin: [...PERMISSIONS],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
