// Sign-in, sessions and the console lock. A session is a random token the client holds (an
// HttpOnly cookie in serve mode, the main process in Electron); the database keeps only its hash.
// Every call resolves its token again, so a password change, a disabled account or a sign-out
// takes effect on the very next call, and open sockets of an ended session are closed.
import { createHash, randomBytes } from 'node:crypto';
import { BUILTIN_ROLE_DEFAULTS, type Permission, type SessionInfo, type User } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { createLogger } from '../log/logger';
import { hashPassword, verifyPassword } from './password';
import type { Principal } from './principal';
import type { RoleRecord, RoleRepository } from './role-repository';
import type { ScopeRepository } from './scope-repository';
import type { SessionRepository } from './session-repository';
import type { UserRecord, UserRepository } from './user-repository';

const log = createLogger('auth');

/** Where a call comes from: shown in the audit trail; `local` decides who may create the first administrator. */
export interface CallSource {
  address: string;
  local: boolean;
}

export interface SignInPolicy {
  /** Failures answered at once; after these, each answer waits longer. */
  freeAttempts: number;
  maxDelayMs: number;
  /** Consecutive failures that lock the account, and for how long. */
  lockAfter: number;
  lockMs: number;
  /** A session nobody used for this long is gone (an open console counts as use). */
  sessionIdleMs: number;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  freeAttempts: 3,
  maxDelayMs: 8000,
  lockAfter: 5,
  lockMs: 15 * 60_000,
  sessionIdleMs: 12 * 3600_000,
};

export interface SignedIn {
  token: string;
  principal: Principal;
}

interface CachedSession {
  principal: Principal;
  lastSeen: number;
  /** When last_seen was last written: at most once a minute per session. */
  persistedSeen: number;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class AuthService {
  private readonly cache = new Map<string, CachedSession>();
  /** Attempts on one user name run one after another: parallel guesses cannot outrun the lock. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Failures on names that do not exist, so that they slow down exactly like real ones. */
  private readonly unknownFailures = new Map<string, number>();
  private readonly endedListeners = new Set<(sessionIds: readonly string[]) => void>();
  private readonly policy: SignInPolicy;

  constructor(
    private readonly users: UserRepository,
    private readonly roles: RoleRepository,
    private readonly sessions: SessionRepository,
    private readonly scopes: ScopeRepository,
    private readonly idleLockMinutes: () => number,
    policy: Partial<SignInPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_SIGN_IN_POLICY, ...policy };
    this.seedBuiltinRoles();
  }

  /** Built-in roles follow the code's defaults until an administrator changes them. */
  private seedBuiltinRoles(): void {
    for (const [id, def] of Object.entries(BUILTIN_ROLE_DEFAULTS)) {
      const existing = this.roles.byId(id);
      if (existing?.customised) continue;
      this.roles.upsert({ id, name: id, builtin: true, permissions: [...def.permissions], ptzRank: def.ptzRank, customised: false });
    }
  }

  setupNeeded(): boolean {
    return !this.users.anyWithPassword();
  }

  /** Sessions ended by sign-out, a password change, a disabled account…: transports close their sockets. */
  onSessionsEnded(listener: (sessionIds: readonly string[]) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private ended(ids: readonly string[]): void {
    if (ids.length === 0) return;
    for (const id of ids) this.cache.delete(id);
    for (const l of this.endedListeners) l(ids);
  }

  /** An administrator changed accounts or roles: every principal is rebuilt at its next call. */
  accountsChanged(): void {
    this.cache.clear();
  }

  private role(id: string): RoleRecord {
    // An account whose role was removed by hand in the database gets no permissions, not a crash.
    return this.roles.byId(id) ?? { id, name: id, builtin: false, permissions: [], ptzRank: 0, customised: false };
  }

  toUser(u: UserRecord): User {
    return { id: u.id, username: u.username, displayName: u.displayName, role: u.role };
  }

  private principalFor(u: UserRecord, sessionId: string | null, locked: boolean): Principal {
    const role = this.role(u.role);
    const permissions = new Set<Permission>(role.permissions);
    permissions.add('session');
    return {
      user: this.toUser(u),
      sessionId,
      roleName: role.name,
      roleBuiltin: role.builtin,
      permissions,
      ptzRank: role.ptzRank,
      scope: this.users.scopes(u.id),
      locked,
    };
  }

  info(p: Principal): SessionInfo {
    return {
      user: p.user,
      roleName: p.roleName,
      roleBuiltin: p.roleBuiltin,
      permissions: [...p.permissions],
      ptzRank: p.ptzRank,
      scopes: this.scopes.areaNames(p.scope),
      locked: p.locked,
      idleLockMinutes: this.idleLockMinutes(),
    };
  }

  /** The principal behind a session token, or null if there is none (expired, signed out, disabled). */
  resolve(token: string | null | undefined): Principal | null {
    if (!token || token.length > 200) return null;
    return this.resolveId(hashToken(token));
  }

  resolveId(sessionId: string): Principal | null {
    const now = Date.now();
    const cached = this.cache.get(sessionId);
    if (cached) {
      if (now - cached.lastSeen > this.policy.sessionIdleMs) {
        this.expire(sessionId);
        return null;
      }
      cached.lastSeen = now;
      if (now - cached.persistedSeen > 60_000) {
        cached.persistedSeen = now;
        this.sessions.touch(sessionId, now);
      }
      return cached.principal;
    }
    const s = this.sessions.byHash(sessionId);
    if (!s) return null;
    if (now - s.lastSeen > this.policy.sessionIdleMs) {
      this.expire(sessionId);
      return null;
    }
    const u = this.users.byId(s.userId);
    if (!u || u.disabled || !u.passwordHash) {
      this.expire(sessionId);
      return null;
    }
    const principal = this.principalFor(u, sessionId, s.locked);
    this.sessions.touch(sessionId, now);
    this.cache.set(sessionId, { principal, lastSeen: now, persistedSeen: now });
    return principal;
  }

  private expire(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.ended([sessionId]);
  }

  private newSession(u: UserRecord, source: CallSource): SignedIn {
    const token = randomBytes(32).toString('base64url');
    const sessionId = hashToken(token);
    const now = Date.now();
    this.sessions.insert({ tokenHash: sessionId, userId: u.id, createdAt: now, lastSeen: now, locked: false, source: source.address });
    const principal = this.principalFor(u, sessionId, false);
    this.cache.set(sessionId, { principal, lastSeen: now, persistedSeen: now });
    return { token, principal };
  }

  private serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }

  private delayFor(failures: number): number {
    const over = failures - this.policy.freeAttempts;
    return over < 0 ? 0 : Math.min(1000 * 2 ** over, this.policy.maxDelayMs);
  }

  /** First start: the administrator. Only while nobody can sign in, and only from the core's machine. */
  async setup(input: { username: string; displayName: string; password: string }, source: CallSource): Promise<SignedIn> {
    return this.serial('\0setup', async () => {
      if (!this.setupNeeded()) throw new AppError('setup_done');
      if (!source.local) throw new AppError('setup_not_local');
      const hash = await hashPassword(input.password);
      const u = this.createAdministrator(input.username, input.displayName, hash);
      log.info('administrator created at first start', { username: u.username });
      return this.newSession(u, source);
    });
  }

  /** Unattended installs (WATCHFLOOR_INIT_ADMIN) and first start share this. */
  private createAdministrator(username: string, displayName: string, hash: string): UserRecord {
    return this.users.transaction(() => {
      // A database from before sign-in existed has a password-less 'admin': it becomes this account.
      const existing = this.users.byUsername(username);
      if (existing) {
        this.users.update(existing.id, { username, displayName, role: 'admin', disabled: false });
        this.users.setPassword(existing.id, hash);
        return this.users.byId(existing.id)!;
      }
      return this.users.insert({ username, displayName, role: 'admin', passwordHash: hash });
    });
  }

  async ensureInitialAdmin(username: string, password: string): Promise<boolean> {
    if (!this.setupNeeded()) return false;
    this.createAdministrator(username, username, await hashPassword(password));
    log.info('administrator created from WATCHFLOOR_INIT_ADMIN', { username });
    return true;
  }

  async signIn(usernameRaw: string, password: string, source: CallSource): Promise<SignedIn> {
    const username = usernameRaw.trim().toLowerCase();
    return this.serial(username, async () => {
      const u = this.users.byUsername(username);
      const now = Date.now();
      if (u?.lockedUntil && u.lockedUntil > now) throw new AppError('account_locked', { until: u.lockedUntil });
      const ok = await verifyPassword(password, u?.passwordHash ?? null);
      if (!ok || !u || u.disabled) {
        // A disabled account is told apart from a wrong password only after the password was right.
        const failures = u ? this.recordFailure(u, now) : this.recordUnknownFailure(username);
        await sleep(this.delayFor(failures));
        if (u && ok && u.disabled) throw new AppError('sign_in_failed', { reason: 'disabled' });
        const locked = u ? this.users.byId(u.id)?.lockedUntil ?? null : null;
        if (locked && locked > now) throw new AppError('account_locked', { until: locked });
        throw new AppError('sign_in_failed', {});
      }
      this.users.recordSuccess(u.id);
      return this.newSession(this.users.byId(u.id)!, source);
    });
  }

  private recordFailure(u: UserRecord, now: number): number {
    const failures = u.failedAttempts + 1;
    const lockUntil = failures >= this.policy.lockAfter ? now + this.policy.lockMs : null;
    if (lockUntil) log.warn('account locked after repeated failures', { username: u.username, failures });
    return this.users.recordFailure(u.id, lockUntil);
  }

  private recordUnknownFailure(username: string): number {
    const n = (this.unknownFailures.get(username) ?? 0) + 1;
    // Bounded: a flood of random names must not grow this map without end.
    if (this.unknownFailures.size > 10_000) this.unknownFailures.clear();
    this.unknownFailures.set(username, n);
    return n;
  }

  signOut(sessionId: string | null): boolean {
    if (!sessionId) return false;
    const existed = this.sessions.byHash(sessionId) !== null;
    this.sessions.delete(sessionId);
    this.ended([sessionId]);
    return existed;
  }

  lock(p: Principal): void {
    if (!p.sessionId) return;
    this.sessions.setLocked(p.sessionId, true);
    this.cache.delete(p.sessionId);
  }

  /** The lock screen's password counts towards the account lock like a sign-in. */
  async unlock(p: Principal, password: string): Promise<void> {
    const sessionId = p.sessionId;
    if (!sessionId) return;
    await this.serial(p.user.username, async () => {
      const u = this.users.byId(p.user.id);
      const now = Date.now();
      if (!u) throw new AppError('session_required');
      if (u.lockedUntil && u.lockedUntil > now) throw new AppError('account_locked', { until: u.lockedUntil });
      if (!(await verifyPassword(password, u.passwordHash))) {
        const failures = this.recordFailure(u, now);
        await sleep(this.delayFor(failures));
        const locked = this.users.byId(u.id)?.lockedUntil ?? null;
        if (locked && locked > now) {
          // Locked out while locked: this console must sign in again once the lock has passed.
          this.signOut(sessionId);
          throw new AppError('account_locked', { until: locked });
        }
        throw new AppError('password_wrong');
      }
      this.users.recordSuccess(u.id);
      this.sessions.setLocked(sessionId, false);
      this.cache.delete(sessionId);
    });
  }

  async changePassword(p: Principal, current: string, next: string): Promise<void> {
    await this.serial(p.user.username, async () => {
      const u = this.users.byId(p.user.id);
      if (!u) throw new AppError('session_required');
      if (!(await verifyPassword(current, u.passwordHash))) {
        const failures = this.recordFailure(u, Date.now());
        await sleep(this.delayFor(failures));
        throw new AppError('password_wrong');
      }
      if (current === next) throw new AppError('password_reused');
      this.users.setPassword(u.id, await hashPassword(next));
      // Every other console of this account must sign in again with the new password.
      this.ended(this.sessions.deleteForUser(u.id, p.sessionId));
    });
  }

  /** For the users screen: an administrator sets a password; the account's sessions end. */
  async setPasswordFor(userId: string, password: string): Promise<void> {
    this.users.setPassword(userId, await hashPassword(password));
    this.ended(this.sessions.deleteForUser(userId));
  }

  endSessionsOf(userId: string): void {
    this.ended(this.sessions.deleteForUser(userId));
  }

  /** Called now and then: sessions idle past the limit are removed from the database too. */
  sweep(now = Date.now()): void {
    this.ended(this.sessions.deleteIdleSince(now - this.policy.sessionIdleMs));
  }

  activeSessionsByUser(): Map<string, number> {
    return this.sessions.countByUser();
  }
}
