// Who is calling, as every check in the core sees it: the account, its role's permissions and PTZ
// rank, and its area scope. Built once per session (and again when an administrator changes the
// account or its role), so a call pays a Set lookup, not a query.
import type { Permission, User } from '../../shared/contract';

export interface Principal {
  user: User;
  /** SHA-256 of the session token; null for the core's own work (start-up, the demo site). */
  sessionId: string | null;
  roleName: string;
  roleBuiltin: boolean;
  permissions: ReadonlySet<Permission>;
  ptzRank: number;
  /** Root areas of the account's scope (each with everything under it); empty = the whole centre. */
  scope: readonly string[];
  locked: boolean;
}

export function can(p: Principal | null, permission: Permission): boolean {
  return !!p && p.permissions.has(permission);
}

/** A principal without a session: the core acting on its own behalf (the demo site), and tests. */
export function systemPrincipal(user: User, permissions: readonly Permission[], scope: readonly string[] = []): Principal {
  return { user, sessionId: null, roleName: user.role, roleBuiltin: true, permissions: new Set(['session', ...permissions]), ptzRank: 0, scope, locked: false };
}
