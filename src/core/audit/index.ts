// The audit trail's public surface, for the composition root and the API handlers.
export { AuditLog, type AuditLogOptions, type AuditStats } from './audit-log';
export { checkpointFileText, parseCheckpointFile } from './checkpoint';
export { ViewingRecorder, type Viewing, type ViewingKind, type ViewingStart } from './viewing';
export type { Durability } from './worker-protocol';
export type * from './types';
