// The administrator's side of accounts and roles: create and change accounts, their role and area
// scope, reset passwords, lift locks; edit roles. One rule guards the centre from locking itself
// out: some enabled account must always hold `users.manage`.
import { type z } from 'zod';
import { type accountInput, type roleInput, type Account, type Permission, type RoleInfo } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AuthService } from './auth-service';
import { hashPassword } from './password';
import type { RoleRecord, RoleRepository } from './role-repository';
import type { UserRecord, UserRepository } from './user-repository';

type AccountInput = z.output<typeof accountInput>;
type RoleInput = z.output<typeof roleInput>;

export interface UserServiceDeps {
  users: UserRepository;
  roles: RoleRepository;
  auth: AuthService;
  areaExists: (id: string) => boolean;
}

export class UserService {
  constructor(private readonly d: UserServiceDeps) {}

  private toAccount(u: UserRecord, sessions: Map<string, number>): Account {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      scopes: this.d.users.scopes(u.id),
      disabled: u.disabled,
      lockedUntil: u.lockedUntil && u.lockedUntil > Date.now() ? u.lockedUntil : null,
      failedAttempts: u.failedAttempts,
      hasPassword: u.passwordHash !== null,
      lastSignInAt: u.lastSignInAt,
      activeSessions: sessions.get(u.id) ?? 0,
      createdAt: u.createdAt,
    };
  }

  list(): Account[] {
    const sessions = this.d.auth.activeSessionsByUser();
    return this.d.users.all().map((u) => this.toAccount(u, sessions));
  }

  /** A user's name as shown in records; null for an account that is gone. */
  displayName(id: string): string | null {
    return this.d.users.byId(id)?.displayName ?? null;
  }

  account(id: string): Account {
    const u = this.d.users.byId(id);
    if (!u) throw new AppError('not_found', { kind: 'user', id });
    return this.toAccount(u, this.d.auth.activeSessionsByUser());
  }

  private managers(except: { userId?: string; roleId?: string; rolePermissions?: readonly Permission[] } = {}): number {
    const roles = new Map(this.d.roles.all().map((r) => [r.id, r]));
    const manages = (roleId: string) =>
      roleId === except.roleId ? (except.rolePermissions ?? []).includes('users.manage') : !!roles.get(roleId)?.permissions.includes('users.manage');
    return this.d.users.all().filter((u) => u.id !== except.userId && !u.disabled && u.passwordHash && manages(u.role)).length;
  }

  async save(input: AccountInput): Promise<Account> {
    if (!this.d.roles.byId(input.role)) throw new AppError('bad_request', { field: 'role', problem: 'unknown_role' });
    for (const a of input.scopes) if (!this.d.areaExists(a)) throw new AppError('bad_request', { field: 'scopes', problem: 'unknown_area' });
    // A client-chosen id makes a retried create land on the account it already made.
    const existing = input.id ? this.d.users.byId(input.id) : null;
    const sameName = this.d.users.byUsername(input.username);
    if (sameName && sameName.id !== existing?.id) throw new AppError('conflict', { field: 'username' });
    if (!existing) {
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      if (!passwordHash) throw new AppError('bad_request', { field: 'password', problem: 'required' });
      const created = this.d.users.transaction(() => {
        const u = this.d.users.insert({ ...(input.id ? { id: input.id } : {}), username: input.username, displayName: input.displayName, role: input.role, passwordHash, disabled: input.disabled });
        this.d.users.setScopes(u.id, input.scopes);
        return u;
      });
      return this.account(created.id);
    }
    const losesManage = input.disabled || !this.d.roles.byId(input.role)?.permissions.includes('users.manage');
    if (losesManage && this.managers({ userId: existing.id }) === 0) throw new AppError('last_admin');
    this.d.users.transaction(() => {
      this.d.users.update(existing.id, { username: input.username, displayName: input.displayName, role: input.role, disabled: input.disabled });
      this.d.users.setScopes(existing.id, input.scopes);
    });
    if (input.password) await this.d.auth.setPasswordFor(existing.id, input.password);
    if (input.disabled) this.d.auth.endSessionsOf(existing.id);
    this.d.auth.accountsChanged();
    return this.account(existing.id);
  }

  async resetPassword(id: string, password: string): Promise<Account> {
    this.account(id);
    await this.d.auth.setPasswordFor(id, password);
    return this.account(id);
  }

  unlock(id: string): Account {
    this.account(id);
    this.d.users.unlock(id);
    return this.account(id);
  }

  signOutEverywhere(id: string): Account {
    this.account(id);
    this.d.auth.endSessionsOf(id);
    return this.account(id);
  }

  private toRole(r: RoleRecord, counts: Map<string, number>): RoleInfo {
    return { id: r.id, name: r.name, builtin: r.builtin, permissions: r.permissions, ptzRank: r.ptzRank, users: counts.get(r.id) ?? 0 };
  }

  roles(): RoleInfo[] {
    const counts = this.d.users.countByRole();
    return this.d.roles.all().map((r) => this.toRole(r, counts));
  }

  saveRole(input: RoleInput): RoleInfo {
    const existing = input.id ? this.d.roles.byId(input.id) : null;
    if (input.id && !existing) throw new AppError('not_found', { kind: 'role', id: input.id });
    const permissions = [...new Set<Permission>(['session', ...input.permissions])];
    if (existing && !permissions.includes('users.manage') && this.managers({ roleId: existing.id, rolePermissions: permissions }) === 0) {
      throw new AppError('last_admin');
    }
    const id = existing?.id ?? `role-${crypto.randomUUID()}`;
    const saved = this.d.roles.upsert({
      id,
      // A built-in role keeps its translated name; only custom roles carry the typed one.
      name: existing?.builtin ? existing.name : input.name,
      builtin: existing?.builtin ?? false,
      permissions,
      ptzRank: input.ptzRank,
      customised: true,
    });
    this.d.auth.accountsChanged();
    return this.toRole(saved, this.d.users.countByRole());
  }

  deleteRole(id: string): { id: string } {
    const r = this.d.roles.byId(id);
    if (!r) throw new AppError('not_found', { kind: 'role', id });
    if (r.builtin) throw new AppError('bad_request', { field: 'id', problem: 'builtin_role' });
    if ((this.d.users.countByRole().get(id) ?? 0) > 0) throw new AppError('role_in_use', { role: r.name });
    this.d.roles.delete(id);
    return { id };
  }
}
