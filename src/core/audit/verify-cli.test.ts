// The audit-verify command as an inspector runs it: a real process, real files, exit codes and
// messages in English and Vietnamese, and no stack trace for a mistake.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFixture, type AuditFixture } from './test-fixture';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'src/core/audit/verify-cli.ts');

function run(args: string[], lang = 'en_GB.UTF-8'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let f: AuditFixture;
let keptFile: string;
beforeAll(async () => {
  f = auditFixture();
  await Promise.all(Array.from({ length: 40 }, (_, i) => f.audit.append({ actor: { userId: 'u', username: 'admin' }, action: 'live.view', outcome: 'ok', at: 1_700_000_000_000 + i })));
  const cp = await f.audit.checkpoint();
  keptFile = path.join(f.dir, 'kept-checkpoint.json');
  writeFileSync(keptFile, f.audit.checkpointFile(cp));
  await f.audit.dispose();
});
afterAll(async () => {
  await f.cleanup();
});

describe('npm run audit-verify', () => {
  it('says an intact log is intact, against a kept checkpoint too, with exit code 0, and changes nothing', async () => {
    const before = sha256(f.file);
    const en = await run(['--data-dir', f.dir, '--checkpoint', keptFile]);
    expect(sha256(f.file)).toBe(before);
    expect(en.stderr).toBe('');
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('INTACT: 40 entries, head #40');
    expect(en.stdout).toContain('Kept checkpoint of');
    expect(en.stdout).toContain('signature valid');
    const vi = await run(['--data-dir', f.dir], 'vi_VN.UTF-8');
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain('NGUYÊN VẸN: 40 mục, mục cuối #40');
    expect(vi.stdout).toContain('Mốc chốt đã lưu: 1');
  });

  it('names the first broken entry with exit code 1, and a truncation only the kept checkpoint shows', async () => {
    const copy = path.join(f.dir, 'tampered.db');
    const src = new Database(f.file, { readonly: true });
    await src.backup(copy);
    src.close();
    const db = new Database(copy);
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_checkpoints_no_delete;');
    db.prepare("UPDATE audit_log SET entry = replace(entry, 'admin', 'ghost') WHERE seq = 7").run();
    db.close();
    const broken = await run(['--db', copy]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN at entry #7: its content was changed after it was written.');
    const vi = await run(['--db', copy], 'vi_VN.UTF-8');
    expect(vi.stdout).toContain('BỊ PHÁ VỠ tại mục #7: nội dung của mục đã bị sửa sau khi ghi.');

    const truncated = path.join(f.dir, 'truncated.db');
    const src2 = new Database(f.file, { readonly: true });
    await src2.backup(truncated);
    src2.close();
    const t = new Database(truncated);
    t.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_checkpoints_no_delete; DELETE FROM audit_log WHERE seq > 35; DELETE FROM audit_checkpoints;');
    t.close();
    expect((await run(['--db', truncated])).code).toBe(0);
    const caught = await run(['--db', truncated, '--checkpoint', keptFile, '--json']);
    expect(caught.code).toBe(1);
    const report = JSON.parse(caught.stdout) as { intact: boolean; firstBroken: { seq: number; problem: string } };
    expect(report).toMatchObject({ intact: false, firstBroken: { seq: 36, problem: 'truncated' } });
    const text = await run(['--db', truncated, '--checkpoint', keptFile]);
    expect(text.stdout).toMatch(/BROKEN at entry #36: the log ends at entry #35, but the checkpoint of \S+ holds 40 entries/);
  });

  it('names each mistake in one line, with exit code 2 and no stack trace', async () => {
    const notDb = path.join(f.dir, 'notes.txt');
    writeFileSync(notDb, 'not a database at all, just some text '.repeat(200));
    const noAudit = path.join(f.dir, 'old.db');
    const old = new Database(noAudit);
    old.exec('CREATE TABLE settings(key TEXT)');
    old.close();
    const badCp = path.join(f.dir, 'bad-checkpoint.json');
    writeFileSync(badCp, '{"format":"something else"}');
    const cases: [string[], RegExp][] = [
      [['--frobnicate'], /Unknown or incomplete option: --frobnicate\.\nUsage: npm run audit-verify/],
      [['--checkpoint'], /Unknown or incomplete option: --checkpoint\./],
      [['--data-dir', path.join(f.dir, 'nowhere')], /There is no Watchfloor database at .*nowhere\/watchfloor\.db/],
      [['--db', notDb], /notes\.txt is not a SQLite database, or it is damaged\./],
      [['--db', noAudit], /old\.db has no audit log/],
      [['--data-dir', f.dir, '--checkpoint', path.join(f.dir, 'missing.json')], /The checkpoint file .*missing\.json cannot be read \(ENOENT\)/],
      [['--data-dir', f.dir, '--checkpoint', badCp], /bad-checkpoint\.json is not a valid Watchfloor audit checkpoint: it is not an audit checkpoint\./],
      [['--data-dir', f.dir, '--checkpoint', notDb], /notes\.txt is not a valid Watchfloor audit checkpoint: it is not JSON\./],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
    const vi = await run(['--db', noAudit], 'vi_VN.UTF-8');
    expect(vi.stderr).toContain('không có nhật ký thao tác');
    const json = await run(['--db', notDb, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: 'not_database', file: notDb });
  });

  it('prints its usage for --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit code: 0 intact, 1 broken, 2 could not check.');
  });
});
