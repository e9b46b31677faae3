// Shapes of sign-in, accounts, roles, area scopes and the audit trail.
import { z } from 'zod';
import { PERMISSIONS } from './permissions';
import { id, user } from './schemas';

/** Lower-case letters, digits and . _ - @: what people type on any keyboard layout. */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._@-]+$/, { message: 'username_chars' });

export const MIN_PASSWORD_LENGTH = 8;
/** A password as typed: never trimmed (spaces may be part of it), bounded so hashing stays cheap. */
export const password = z.string().min(1).max(256);
export const newPassword = z.string().min(MIN_PASSWORD_LENGTH, { message: 'password_short' }).max(256);

export const displayName = z.string().trim().min(1).max(100);

export const permission = z.enum(PERMISSIONS);

export const role = z.object({
  id,
  /** Built-in roles are shown by their translated name (`roles.<id>`); custom ones by this. */
  name: z.string(),
  builtin: z.boolean(),
  permissions: z.array(permission),
  ptzRank: z.number().int().min(0).max(1000),
  users: z.number().int().min(0),
});
export type RoleInfo = z.infer<typeof role>;

export const roleInput = z.object({
  /** Absent for a new role; a built-in role keeps its id and may change only its permissions and rank. */
  id: id.optional(),
  name: z.string().trim().min(1).max(60),
  permissions: z.array(permission).max(PERMISSIONS.length),
  ptzRank: z.number().int().min(0).max(1000),
});

export const areaRef = z.object({ id, name: z.string() });

/** What `session.me` tells a signed-in client about itself. */
export const sessionInfo = z.object({
  user,
  roleName: z.string(),
  roleBuiltin: z.boolean(),
  permissions: z.array(permission),
  ptzRank: z.number().int(),
  /** The areas this account may see (with everything under them); empty = the whole centre. */
  scopes: z.array(areaRef),
  locked: z.boolean(),
  /** Minutes without input before the console locks itself; 0 = never. */
  idleLockMinutes: z.number().int().min(0),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

/** Before sign-in: what the first screen needs to know. */
export const sessionStatus = z.object({
  signedIn: z.boolean(),
  locked: z.boolean(),
  /** No account has a password yet: the first screen creates the administrator. */
  setupNeeded: z.boolean(),
  /** Setup is accepted only from the machine the core runs on. */
  setupAllowedHere: z.boolean(),
  /** The demo site's accounts, listed on the sign-in screen so a visitor can try each role. */
  demoAccounts: z.array(z.object({ username: z.string(), role: id, password: z.string() })),
});

export const account = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  role: id,
  scopes: z.array(id),
  disabled: z.boolean(),
  /** Epoch ms until which sign-in is refused after repeated failures; null when not locked. */
  lockedUntil: z.number().nullable(),
  failedAttempts: z.number().int(),
  hasPassword: z.boolean(),
  lastSignInAt: z.number().nullable(),
  activeSessions: z.number().int(),
  createdAt: z.number(),
});
export type Account = z.infer<typeof account>;

export const accountInput = z.object({
  /** Absent to create; a client-chosen UUID makes a retried create harmless. */
  id: id.optional(),
  username,
  displayName,
  role: id,
  scopes: z.array(id).max(500).default([]),
  disabled: z.boolean().default(false),
  /** Required to create an account; to change it later use users.resetPassword. */
  password: newPassword.optional(),
});

export const auditOutcome = z.enum(['ok', 'denied', 'failed']);

export const auditEntry = z.object({
  seq: z.number().int(),
  at: z.number(),
  actor: z.object({ userId: z.string().nullable(), username: z.string().nullable() }),
  action: z.string(),
  outcome: auditOutcome,
  target: z.object({ kind: z.string(), id: z.string(), name: z.string().nullable() }).nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  source: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntryInfo = z.infer<typeof auditEntry>;

export const auditQuery = z.object({
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
  action: z.string().max(100).optional(),
  username: z.string().max(64).optional(),
  outcome: auditOutcome.optional(),
  from: z.number().optional(),
  to: z.number().optional(),
  /** Words anywhere in the entry, without diacritics. */
  text: z.string().max(200).optional(),
});

export const auditVerifyReport = z.object({
  intact: z.boolean(),
  entries: z.number().int(),
  /** The first entry that breaks the chain, and what is wrong with it (see docs/trust.md). */
  firstBroken: z.object({ seq: z.number().int(), problem: z.string() }).nullable(),
  /** The newest signed checkpoint the chain was checked against. */
  checkpoint: z.object({ count: z.number().int(), at: z.number() }).nullable(),
  ms: z.number(),
});

export const auditCheckpointFile = z.object({
  fileName: z.string(),
  /** The checkpoint as the inspector keeps it (JSON text, signed; see docs/audit.md). */
  content: z.string(),
  count: z.number().int(),
  fingerprint: z.string(),
});
