// "Controlled by <name> (<role>)", with a built-in role in this console's language
// (supervisor = chỉ huy, watch officer = cán bộ trực ban) and a custom role by its own name.
import type { PtzLock } from '../../shared/contract';

type T = (k: string, o?: Record<string, unknown>) => string;

export function roleText(t: T, l: Pick<PtzLock, 'role' | 'roleName' | 'roleBuiltin'>): string {
  return l.roleBuiltin ? t(`roles.${l.role}`, { defaultValue: l.roleName }) : l.roleName;
}

export function lockHolderText(t: T, l: Pick<PtzLock, 'displayName' | 'role' | 'roleName' | 'roleBuiltin'>): string {
  return t('ptz.holder', { name: l.displayName, role: roleText(t, l) });
}

/** What a tile says about who holds its camera; null when nobody does. */
export function lockText(t: T, l: PtzLock | null, me: string): string | null {
  if (!l) return null;
  if (l.patrol) return t('ptz.patrolBy', { patrol: l.patrol, holder: lockHolderText(t, l) });
  if (l.userId === me) return t('ptz.youHold');
  return t('ptz.heldBy', { holder: lockHolderText(t, l) });
}
