// `npm run audit-verify -- [--data-dir D | --db FILE] [--checkpoint FILE] [--json]`
//
// For the administrator and for an inspector with a copy of the database: opens it read-only, needs
// no running core and no secrets (public keys only), prints a one-screen verdict. The chain is
// walked by worker threads, as in the core (verify-threads.ts).
// Exit code: 0 intact, 1 broken, 2 could not check (bad arguments, missing or unreadable files).
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isAppError } from '../../shared/errors';
import { defaultDataDir } from '../data-dir';
import { createLogger, setLogSink } from '../log/logger';
import { formatFingerprint } from '../secrets/installation-key';
import { terminalLanguage } from '../serve/cli-messages';
import { DATABASE_FILE_NAME } from '../store/database';
import { parseCheckpointFile } from './checkpoint';
import type { KeptCheckpoint } from './types';
import { verifyInThreads } from './verify-threads';
import { AuditWorker } from './worker-client';
import { say, verdictLines, type Lang } from './verify-cli-text';

interface Args {
  dataDir: string | null;
  db: string | null;
  checkpoint: string | null;
  json: boolean;
  help: boolean;
}

/** A problem that stops the check before it starts: said in one line, exit code 2. */
class Stop extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string> = {},
  ) {
    super(key);
  }
}

function parseArgs(argv: readonly string[]): Args {
  const out: Args = { dataDir: null, db: null, checkpoint: null, json: false, help: false };
  const list = argv.flatMap((a) => (a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    const value = () => {
      const v = list[++i];
      if (v === undefined || v === '' || v.startsWith('--')) throw new Stop('bad_arg', { arg });
      return v;
    };
    switch (arg) {
      case '--data-dir':
        out.dataDir = value();
        break;
      case '--db':
        out.db = value();
        break;
      case '--checkpoint':
        out.checkpoint = value();
        break;
      case '--json':
        out.json = true;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new Stop('bad_arg', { arg });
    }
  }
  if (out.dataDir && out.db) throw new Stop('bad_arg', { arg: '--data-dir + --db' });
  return out;
}

const detailOf = (err: unknown): string => (typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : err instanceof Error ? err.message : String(err));

function readCheckpoint(file: string, lang: Lang): KeptCheckpoint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Stop('checkpoint_unreadable', { file, detail: detailOf(err) });
  }
  try {
    return parseCheckpointFile(text, file);
  } catch (err) {
    if (isAppError(err) && err.code === 'audit_checkpoint_invalid') throw new Stop('checkpoint_invalid', { file, reason: say(lang, `reason.${String(err.params.reason)}`) });
    throw err;
  }
}

function openReadOnly(file: string): Database.Database {
  if (!existsSync(file)) throw new Stop('no_database', { file });
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  } catch (err) {
    throw new Stop('db_unreadable', { file, detail: detailOf(err) });
  }
  try {
    // Reading the schema makes SQLite read the header: a file that is not a database fails here.
    const hasLog = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").pluck().get() === 1;
    if (!hasLog) throw new Stop('no_audit_log', { file });
    return db;
  } catch (err) {
    db.close();
    if (err instanceof Stop) throw err;
    const code = detailOf(err);
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) throw new Stop('not_database', { file });
    throw new Stop('db_unreadable', { file, detail: code });
  }
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const lang = terminalLanguage(env);
  const print = (line: string) => process.stdout.write(line + '\n');
  let json = argv.includes('--json');
  try {
    const args = parseArgs(argv);
    json = args.json;
    if (args.help) {
      print(say(lang, 'usage'));
      return 0;
    }
    const file = path.resolve(args.db ?? path.join(args.dataDir ?? defaultDataDir(), DATABASE_FILE_NAME));
    const checkpoint = args.checkpoint ? readCheckpoint(path.resolve(args.checkpoint), lang) : null;
    const probe = openReadOnly(file);
    const expectedEntries = (probe.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number | null) ?? 0;
    probe.close();
    const showProgress = !json && process.stderr.isTTY;
    const log = createLogger('audit-verify');
    const report = await verifyInThreads(
      { spawn: () => new AuditWorker({ role: 'reader', databaseFile: file }, log), release: (w) => w.close() },
      {
        checkpoint,
        expectedEntries,
        onProgress: showProgress ? (done, total) => process.stderr.write(`\r${say(lang, 'progress', { percent: total ? Math.floor((100 * done) / total) : 100 })}`) : undefined,
      },
    ).catch((err: unknown) => {
      if (isAppError(err) && err.code === 'db_corrupt') throw new Stop('not_database', { file });
      if (isAppError(err) && err.code.startsWith('db_')) throw new Stop('db_unreadable', { file, detail: err.code });
      throw err;
    });
    if (showProgress) process.stderr.write('\r\x1b[K');
    if (json) print(JSON.stringify({ file, ...report }, null, 2));
    else for (const line of verdictLines(lang, file, report, formatFingerprint)) print(line);
    return report.intact ? 0 : 1;
  } catch (err) {
    const [key, params] = err instanceof Stop ? [err.key, err.params] : ['unexpected', { detail: detailOf(err) }];
    const message = say(lang, key, params);
    if (json) print(JSON.stringify({ error: key, ...params, message }, null, 2));
    else process.stderr.write(message + (key === 'bad_arg' ? '\n' + say(lang, 'usage') : '') + '\n');
    return 2;
  }
}

// Log lines (with their details) only when asked for: the verdict is what an inspector reads.
if (!process.env.WATCHFLOOR_LOG) setLogSink(() => undefined);
process.exitCode = await main(process.argv.slice(2), process.env);
