// Who steers a PTZ camera (issue: "Priority and locking"). The last one to send a command holds
// the camera until they let go, until it sits idle for the idle timeout, or until someone of a
// higher PTZ rank takes it over. Between equal ranks the first holds until idle. A running patrol
// holds the camera for the one who started it, without an idle timeout, and yields to any manual
// command of the same rank or higher (a patrol is unattended; a person at the console wins).
import type { PtzLock } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Principal } from '../auth/principal';

export type Claim = { kind: 'free' | 'same'; previous: PtzLock | null } | { kind: 'takeover'; previous: PtzLock };

export function lockFor(p: Principal, now: number, idleMs: number, patrol: string | null): PtzLock {
  return {
    userId: p.user.id,
    username: p.user.username,
    displayName: p.user.displayName,
    role: p.user.role,
    roleName: p.roleName,
    roleBuiltin: p.roleBuiltin,
    rank: p.ptzRank,
    since: now,
    expiresAt: patrol ? null : now + idleMs,
    patrol,
  };
}

/** The error a refused command gets: "controlled by <name> (<role>)". */
export function lockedError(lock: PtzLock): AppError {
  return new AppError('ptz_locked', {
    holder: lock.displayName,
    username: lock.username,
    role: lock.role,
    roleName: lock.roleName,
    roleBuiltin: lock.roleBuiltin,
    rank: lock.rank,
    patrol: lock.patrol,
  });
}

/**
 * What a command by `p` does to the current (unexpired) lock: free → taken; same person →
 * kept; higher rank (or any equal-or-higher rank against a patrol) → taken over; else refused.
 */
export function claim(current: PtzLock | null, p: Principal): Claim {
  if (!current) return { kind: 'free', previous: null };
  if (current.userId === p.user.id) return { kind: 'same', previous: current };
  if (p.ptzRank > current.rank || (current.patrol !== null && p.ptzRank >= current.rank)) return { kind: 'takeover', previous: current };
  throw lockedError(current);
}

/** Someone may let go of a hold that is theirs; an administrator may release anyone's. */
export function mayRelease(current: PtzLock, p: Principal): boolean {
  return current.userId === p.user.id || p.permissions.has('users.manage');
}
