// What the rest of the core uses of the audit trail: appending (through the dispatcher and the
// video channel), and the auditor's reads. AuditLog (audit-log.ts) implements it.
import type { Writable } from 'node:stream';
import type { z } from 'zod';
import type { auditCheckpointFile, AuditEntryInfo, auditQuery, auditVerifyReport } from '../../shared/contract';
import type { AuditSink } from '../api/audit-sink';

export interface AuditTrail extends AuditSink {
  list(q: z.output<typeof auditQuery>): { entries: AuditEntryInfo[]; total: number };
  verify(): Promise<z.output<typeof auditVerifyReport>>;
  checkpointFile(): Promise<z.output<typeof auditCheckpointFile>>;
  exportCsv(out: Writable, q?: Partial<z.output<typeof auditQuery>>): Promise<number>;
  /** Flushes what is pending and closes the trail's own connection. */
  dispose(): Promise<void>;
}
