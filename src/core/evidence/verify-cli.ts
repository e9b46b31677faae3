// `npm run verify -- <folder> [more folders] [--password-stdin] [--decrypt-to DIR]
//                    [--fingerprint HEX | --data-dir DIR] [--json] [--lang vi|en]`
// Checks evidence packages on any machine, without Watchfloor's database: exit 0 when every package
// is verified, 1 when one is not (each problem named), 2 for a usage error. With --data-dir (a
// Watchfloor data folder on this machine) or --fingerprint, the signing key is also compared with
// the installation's.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { VerifyReportInfo } from '../../shared/contract';
import { verifyPackage } from './verify';

const TEXT = {
  en: {
    verified: 'VERIFIED',
    partial: 'PARTIALLY VERIFIED: files changed or missing',
    not_signed: 'NOT SIGNED',
    signature_invalid: 'SIGNATURE INVALID: the manifest was changed or signed by another key',
    not_a_package: 'NOT AN EVIDENCE PACKAGE',
    key: 'signing key',
    ours: "matches this installation's key",
    notOurs: "is NOT this installation's key",
    unknown: 'installation key not known here (use --fingerprint or --data-dir)',
    changed: 'changed',
    missing: 'missing',
    extra: 'not in the manifest',
    decrypted: 'encrypted media decrypted and checked',
    usage:
      'usage: npm run verify -- <package folder> [--password-stdin] [--decrypt-to DIR] [--fingerprint HEX | --data-dir DIR] [--json] [--lang vi|en]',
  },
  vi: {
    verified: 'ĐÃ XÁC MINH',
    partial: 'XÁC MINH MỘT PHẦN: có tệp bị sửa hoặc bị thiếu',
    not_signed: 'KHÔNG CÓ CHỮ KÝ',
    signature_invalid: 'CHỮ KÝ KHÔNG HỢP LỆ: bản mô tả đã bị sửa hoặc được ký bằng khoá khác',
    not_a_package: 'KHÔNG PHẢI GÓI CHỨNG CỨ',
    key: 'khoá ký',
    ours: 'trùng với khoá của hệ thống này',
    notOurs: 'KHÔNG phải khoá của hệ thống này',
    unknown: 'chưa biết khoá của hệ thống (dùng --fingerprint hoặc --data-dir)',
    changed: 'đã bị sửa',
    missing: 'bị thiếu',
    extra: 'không có trong bản mô tả',
    decrypted: 'đã giải mã và kiểm tra tệp mã hoá',
    usage:
      'cách dùng: npm run verify -- <thư mục gói> [--password-stdin] [--decrypt-to THƯ_MỤC] [--fingerprint HEX | --data-dir THƯ_MỤC] [--json] [--lang vi|en]',
  },
} as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function installationFingerprint(dataDir: string): Promise<string | null> {
  const file = path.join(dataDir, 'watchfloor.db');
  if (!existsSync(file)) return null;
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT fingerprint FROM installation_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1').get() as
      { fingerprint: string } | undefined;
    return row?.fingerprint ?? null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

export function formatReport(r: VerifyReportInfo, lang: 'vi' | 'en'): string {
  const t = TEXT[lang];
  const lines = [`${r.folder}: ${t[r.status]}`];
  if (r.summary) lines.push(`  ${r.summary.caseNumber} — ${r.summary.operator} — ${r.summary.createdAt}`);
  if (r.fingerprint)
    lines.push(`  ${t.key} ${r.fingerprint} ${r.installationKey === null ? `(${t.unknown})` : r.installationKey ? t.ours : t.notOurs}`);
  for (const f of r.files) if (f.status !== 'ok') lines.push(`  ${f.name}: ${t[f.status]}`);
  for (const p of r.problems) lines.push(`  ${p}`);
  if (r.decrypted) lines.push(`  ${t.decrypted}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const folders: string[] = [];
  let password: string | null = null;
  let decryptTo: string | null = null;
  let fingerprint: string | null = null;
  let dataDir: string | null = null;
  let json = false;
  let lang: 'vi' | 'en' = (process.env.LANG ?? '').startsWith('vi') ? 'vi' : 'en';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--password-stdin') password = await readStdin();
    else if (a === '--decrypt-to') decryptTo = argv[++i] ?? null;
    else if (a === '--fingerprint') fingerprint = argv[++i] ?? null;
    else if (a === '--data-dir') dataDir = argv[++i] ?? null;
    else if (a === '--json') json = true;
    else if (a === '--lang') lang = argv[++i] === 'vi' ? 'vi' : 'en';
    else if (a.startsWith('--')) {
      process.stderr.write(TEXT[lang].usage + '\n');
      return 2;
    } else folders.push(a);
  }
  if (folders.length === 0) {
    process.stderr.write(TEXT[lang].usage + '\n');
    return 2;
  }
  if (!fingerprint && dataDir) fingerprint = await installationFingerprint(dataDir);
  let ok = true;
  for (const folder of folders) {
    const r = await verifyPackage(path.resolve(folder), { password, installationFingerprint: fingerprint, decryptTo });
    ok &&= r.status === 'verified' && r.installationKey !== false;
    process.stdout.write((json ? JSON.stringify(r) : formatReport(r, lang)) + '\n');
  }
  return ok ? 0 : 1;
}

const invoked = process.argv[1] && /verify-cli\.[cm]?[jt]s$/.test(process.argv[1]);
if (invoked) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
