// Bulk import from CSV and XLSX: read the uploaded file (chunked: the event loop is never held
// for long), check every row, list every bad row and why (the preview), then write all of it or
// nothing in one transaction in a worker, with progress events.
import type { ImportPreview } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { AccessPolicy } from '../../auth/access-policy';
import type { Principal } from '../../auth/principal';
import type { EventBus } from '../../events/event-bus';
import { createLogger } from '../../log/logger';
import type { SecretBox } from '../../secrets/secret-box';
import type { AreaService } from '../area-service';
import type { Actor } from '../history-repository';
import type { RegisterStore } from '../store';
import type { ImportCounts } from './apply';
import { checkRow, foldName, headerMap, type CheckedRow } from './check';
import { ImportLookups } from './import-repository';
import { areaResolver, buildPlan, type ImportPlan } from './plan';
import { readSheet } from './read';
import type { UploadStore } from './uploads';
import type { ImportWriter } from './writer';
import { readFile } from 'node:fs/promises';

const log = createLogger('register-import');
const MAX_LISTED = 5000;
const yieldNow = () => new Promise<void>((r) => setImmediate(r));

export interface ImportDeps {
  store: RegisterStore;
  uploads: UploadStore;
  secrets: SecretBox;
  access: AccessPolicy;
  events: EventBus;
  writer: ImportWriter;
  areas: AreaService;
  /** The register changed under the core's feet (the worker wrote it): caches and clients. */
  onChange: () => void;
}

interface Prepared {
  userId: string;
  preview: ImportPreview;
  plan: ImportPlan;
}

export class ImportService {
  private readonly prepared = new Map<string, Prepared>();
  private running = false;

  constructor(private readonly deps: ImportDeps) {}

  private progress(uploadId: string, phase: 'reading' | 'checking' | 'writing' | 'done' | 'failed', done: number, total: number) {
    this.deps.events.publish({ type: 'register.import', uploadId, phase, done, total });
  }

  async preview(uploadId: string, principal: Principal): Promise<ImportPreview> {
    const file = this.deps.uploads.file(uploadId);
    this.progress(uploadId, 'reading', 0, 0);
    const sheet = await readSheet(file, (n) => this.progress(uploadId, 'reading', n, 0));
    const { map, missing } = headerMap(sheet.header);
    if (missing.length) throw new AppError('import_unreadable', { problem: 'columns', missing: missing.join(', ') });
    const visible = this.deps.access.visibleAreas(principal);
    const areas = this.deps.store.areas.records().filter((a) => !visible || visible.has(a.id));
    const custom = new Map(new ImportLookups(this.deps.store.db).customCategories().map((c) => [foldName(c.name), c.id]));
    const ctx = { area: areaResolver(areas), category: (t: string) => custom.get(foldName(t)) ?? null };
    const rows: CheckedRow[] = [];
    for (let i = 0; i < sheet.rows.length; i++) {
      const r = sheet.rows[i]!;
      rows.push(checkRow(r.line, r.cells, map, ctx));
      if (i % 1000 === 999) {
        this.progress(uploadId, 'checking', i + 1, sheet.rows.length);
        await yieldNow();
      }
    }
    // The plan's look-ups are indexed queries, a few per row: ~10 µs each, one pass.
    const { plan, problems } = buildPlan(rows, this.deps.store, new ImportLookups(this.deps.store.db), this.deps.secrets, (id) =>
      this.deps.access.cameraVisible(principal, id),
    );
    problems.sort((a, b) => a.row - b.row);
    const preview: ImportPreview = {
      uploadId,
      format: sheet.format,
      encoding: sheet.encoding,
      rows: sheet.rows.length,
      newCameras: plan.newCameras.length,
      changedCameras: plan.updatedCameras.length,
      unchangedCameras: plan.unchanged,
      newPoints: plan.newPoints.length,
      problems: problems.slice(0, MAX_LISTED),
      moreProblems: Math.max(0, problems.length - MAX_LISTED),
    };
    this.prepared.set(uploadId, { userId: principal.user.id, preview, plan });
    this.progress(uploadId, 'checking', sheet.rows.length, sheet.rows.length);
    return preview;
  }

  async commit(uploadId: string, principal: Principal): Promise<ImportCounts> {
    if (this.running) throw new AppError('import_running', {});
    this.running = true;
    try {
      let prepared = this.prepared.get(uploadId);
      // Checked again if the preview was another user's or the core restarted since.
      if (!prepared || prepared.userId !== principal.user.id) {
        await this.preview(uploadId, principal);
        prepared = this.prepared.get(uploadId)!;
      }
      const { preview, plan } = prepared;
      if (preview.problems.length > 0) throw new AppError('import_has_problems', { count: preview.problems.length + preview.moreProblems });
      const actor: Actor = { id: principal.user.id, name: principal.user.displayName || principal.user.username };
      this.progress(uploadId, 'writing', 0, 1);
      const counts = await this.deps.writer.write(plan, actor, (done, total) => this.progress(uploadId, 'writing', done, total));
      this.prepared.delete(uploadId);
      this.deps.uploads.remove(uploadId);
      this.deps.onChange();
      this.progress(uploadId, 'done', 1, 1);
      log.info('register import written', { ...counts, user: principal.user.username });
      return counts;
    } catch (err) {
      this.progress(uploadId, 'failed', 0, 0);
      throw err;
    } finally {
      this.running = false;
    }
  }

  async boundaries(uploadId: string, actor: Actor): Promise<{ matched: number; unmatched: string[] }> {
    const file = this.deps.uploads.file(uploadId);
    let json: unknown;
    try {
      json = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
    } catch {
      throw new AppError('import_unreadable', { problem: 'not_geojson' });
    }
    const result = this.deps.areas.importBoundaries(json, actor);
    this.deps.uploads.remove(uploadId);
    return result;
  }
}
