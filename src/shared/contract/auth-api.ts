// The contract's entries for sign-in, accounts, roles and the audit trail. Spread into `api`
// (api.ts) so there is still one table of methods.
import { z } from 'zod';
import * as a from './auth';
import { method } from './method';
import { id } from './schemas';

export const sessionApi = {
  'session.status': method({
    summary: 'Before sign-in: whether this client is signed in or locked, and whether the first administrator must be created.',
    permission: null,
    audit: 'none',
    input: z.object({}),
    output: a.sessionStatus.extend({ version: z.string() }),
  }),
  'session.setup': method({
    summary: 'First start only, from the core machine itself: create the administrator and sign in as them.',
    permission: null,
    audit: 'write',
    transport: 'http',
    input: z.object({ username: a.username, displayName: a.displayName, password: a.newPassword }),
    output: a.sessionInfo,
  }),
  'session.signIn': method({
    summary: 'Sign in with user name and password. Repeated failures slow down, then lock the account for a while.',
    permission: null,
    audit: 'write',
    transport: 'http',
    input: z.object({ username: z.string().trim().toLowerCase().min(1).max(64), password: a.password }),
    output: a.sessionInfo,
  }),
  'session.signOut': method({
    summary: 'End this session (the cookie or window token stops working at once).',
    permission: null,
    audit: 'write',
    transport: 'http',
    input: z.object({}),
    output: z.object({ signedOut: z.boolean() }),
  }),
  'session.me': method({
    summary: 'The signed-in user, their role, permissions and area scope.',
    permission: 'session',
    audit: 'none',
    input: z.object({}),
    output: a.sessionInfo,
  }),
  'session.lock': method({
    summary: 'Lock this console (idle timeout or on request): video keeps playing, every change waits for the password.',
    permission: 'session',
    audit: 'read',
    input: z.object({ reason: z.enum(['idle', 'user']).default('user') }),
    output: z.object({ locked: z.boolean() }),
  }),
  'session.unlock': method({
    summary: "Unlock this console with the signed-in user's password (failures count towards the account lock).",
    permission: 'session',
    audit: 'read',
    input: z.object({ password: a.password }),
    output: z.object({ locked: z.boolean() }),
  }),
  'session.changePassword': method({
    summary: "Change one's own password; every other session of this account is signed out.",
    permission: 'session',
    audit: 'write',
    input: z.object({ current: a.password, next: a.newPassword }),
    output: z.object({ changed: z.boolean() }),
  }),
} as const;

export const adminApi = {
  'users.list': method({
    summary: 'Every account with its role, area scope and lock state.',
    permission: 'users.manage',
    audit: 'none',
    input: z.object({}),
    output: z.array(a.account),
  }),
  'users.save': method({
    summary: 'Create or change an account (name, role, area scope, disabled). A password is required to create.',
    permission: 'users.manage',
    audit: 'write',
    input: a.accountInput,
    output: a.account,
  }),
  'users.resetPassword': method({
    summary: "Set another account's password; its sessions are signed out.",
    permission: 'users.manage',
    audit: 'write',
    input: z.object({ id, password: a.newPassword }),
    output: a.account,
  }),
  'users.unlock': method({
    summary: 'Lift the lock that repeated failed sign-ins put on an account.',
    permission: 'users.manage',
    audit: 'write',
    input: z.object({ id }),
    output: a.account,
  }),
  'users.signOutEverywhere': method({
    summary: "End every session of an account (a lost badge, a left shift).",
    permission: 'users.manage',
    audit: 'write',
    input: z.object({ id }),
    output: a.account,
  }),
  'roles.list': method({
    summary: 'Roles with their permissions, PTZ rank and how many accounts hold each.',
    permission: 'users.manage',
    audit: 'none',
    input: z.object({}),
    output: z.array(a.role),
  }),
  'roles.save': method({
    summary: 'Create a role or change one (built-in roles keep their id).',
    permission: 'users.manage',
    audit: 'write',
    input: a.roleInput,
    output: a.role,
  }),
  'roles.delete': method({
    summary: 'Delete a custom role that no account holds.',
    permission: 'users.manage',
    audit: 'write',
    input: z.object({ id }),
    output: z.object({ id }),
  }),
  'audit.list': method({
    summary: 'Audit entries, newest first, filtered and paged (beforeSeq).',
    permission: 'audit.read',
    audit: 'read',
    input: a.auditQuery,
    // A text search looks at a bounded window per call: a short page may still have older ones.
    output: z.object({ entries: z.array(a.auditEntry), nextBeforeSeq: z.number().int().nullable() }),
  }),
  'audit.verify': method({
    summary: 'Re-hash the whole audit chain (and check it against the last checkpoint): intact, or the first broken entry.',
    permission: 'audit.read',
    audit: 'read',
    input: z.object({}),
    output: a.auditVerifyReport,
  }),
  'audit.checkpoint': method({
    summary: 'Sign a checkpoint of the chain now and return it as a file for an inspector to keep.',
    permission: 'audit.read',
    audit: 'write',
    input: z.object({}),
    output: a.auditCheckpointFile,
  }),
} as const;
