// TEMPORARY: an in-memory trail so the rest of the trust work runs while the durable, chained
// audit log (its own module in this folder) is finished. Replaced before this lands.
import type { AuditEntryInfo } from '../../shared/contract';
import type { AuditRecord } from '../api/audit-sink';
import type { SecretBox } from '../secrets/secret-box';
import type { Db } from '../store/database';
import type { AuditTrail } from './audit-trail';

export async function openAuditTrail(_o: { databaseFile: string; db: Db; secrets: SecretBox }): Promise<AuditTrail & { dispose(): Promise<void> }> {
  const entries: AuditEntryInfo[] = [];
  return {
    async append(e: AuditRecord) {
      entries.push({
        seq: entries.length + 1,
        at: e.at ?? Date.now(),
        actor: e.actor,
        action: e.action,
        outcome: e.outcome,
        target: e.target ?? null,
        details: e.details ?? {},
        source: e.source ?? null,
        hash: '',
      });
    },
    list(q) {
      const filtered = entries
        .filter(
          (e) => (!q.action || e.action === q.action) && (!q.username || e.actor.username === q.username) && (!q.outcome || e.outcome === q.outcome),
        )
        .reverse();
      return { entries: filtered.slice(0, q.limit), total: filtered.length };
    },
    async verify() {
      return { intact: true, entries: entries.length, firstBroken: null, checkpoint: null, ms: 0 };
    },
    async checkpointFile() {
      return { fileName: 'checkpoint.json', content: '{}', count: entries.length, fingerprint: '' };
    },
    async exportCsv() {
      return 0;
    },
    async dispose() {},
  };
}
