// What `npm run audit-verify` prints, in English or Vietnamese (LC_ALL / LC_MESSAGES / LANG).
// An inspector reads this, so every finding says what it means, not only its code.
import type { BreakProblem, VerifyReport } from './types';

export type Lang = 'en' | 'vi';
type P = Record<string, string | number>;
type Texts = Record<string, (p: P) => string>;

const EN: Texts = {
  usage: () =>
    'Usage: npm run audit-verify -- [--data-dir DIR | --db FILE] [--checkpoint FILE] [--json]\n' +
    'Checks that the audit log is intact; with --checkpoint, also that nothing was removed or rewritten since that checkpoint.\n' +
    'Exit code: 0 intact, 1 broken, 2 could not check.',
  bad_arg: (p) => `Unknown or incomplete option: ${p.arg}.`,
  no_database: (p) => `There is no Watchfloor database at ${p.file}. Give the data folder with --data-dir or the file with --db.`,
  not_database: (p) => `${p.file} is not a SQLite database, or it is damaged.`,
  no_audit_log: (p) => `${p.file} has no audit log: it was written by a Watchfloor without the audit trail.`,
  db_unreadable: (p) => `${p.file} cannot be opened (${p.detail}).`,
  checkpoint_unreadable: (p) => `The checkpoint file ${p.file} cannot be read (${p.detail}).`,
  checkpoint_invalid: (p) => `The file ${p.file} is not a valid Watchfloor audit checkpoint: ${p.reason}.`,
  'reason.not_json': () => 'it is not JSON',
  'reason.not_a_checkpoint': () => 'it is not an audit checkpoint',
  'reason.unsupported_version': () => 'it comes from a newer Watchfloor',
  'reason.missing_field': () => 'a field is missing',
  'reason.malformed_signed_text': () => 'its signed text is malformed',
  'reason.malformed_signature': () => 'its signature is malformed',
  'reason.fields_disagree': () => 'its fields disagree with its signed text',
  'reason.bad_public_key': () => 'its public key cannot be read',
  'reason.key_fingerprint_mismatch': () => 'its public key does not match the fingerprint it states',
  title: (p) => `Audit log of ${p.file}`,
  intact: (p) => `INTACT: ${p.entries} entries, head #${p.seq} (${p.hash}).`,
  intact_empty: () => 'INTACT: the audit log has no entries yet.',
  broken: (p) => `BROKEN at entry #${p.seq}: ${p.why}`,
  hash_mismatch: () => 'its content was changed after it was written.',
  seq_gap: () => 'this entry is missing (it was deleted).',
  prev_mismatch: (p) => `it does not follow entry #${p.prev} (entries were removed, inserted or reordered).`,
  truncated: (p) => `the log ends at entry #${p.last}, but the checkpoint of ${p.time} holds ${p.count} entries (entries were removed from the end).`,
  rolled_back: (p) => `it is not the entry the checkpoint of ${p.time} signed (the log was rewritten or rolled back).`,
  bad_signature: (p) => `the signature of the checkpoint of ${p.time} does not verify (the checkpoint was forged or altered).`,
  unknown_key: (p) => `the checkpoint of ${p.time} was signed by a key this installation never had.`,
  unreadable: () => 'it cannot be read: the database file is damaged or was edited below SQL.',
  kept_valid: (p) => `Kept checkpoint of ${p.time}: ${p.count} entries up to #${p.seq}, key ${p.key}; signature valid.`,
  kept_bad_signature: (p) => `Kept checkpoint of ${p.time}: its signature is NOT valid.`,
  kept_unknown_key: (p) => `Kept checkpoint of ${p.time}: signature valid, but key ${p.key} is not this installation's.`,
  stored: (p) => `Stored checkpoints: ${p.n}; the latest, of ${p.time}, covers ${p.count} entries.`,
  stored_none: () => 'Stored checkpoints: none yet.',
  checked: (p) => `${p.checked} of ${p.entries} entries checked in ${p.secs} s.`,
  progress: (p) => `Checking… ${p.percent}%`,
  unexpected: (p) => `The check could not be completed: ${p.detail}`,
};

const VI: Texts = {
  usage: () =>
    'Cách dùng: npm run audit-verify -- [--data-dir THƯ_MỤC | --db TỆP] [--checkpoint TỆP] [--json]\n' +
    'Kiểm tra nhật ký thao tác còn nguyên vẹn; với --checkpoint, kiểm tra thêm rằng không có mục nào bị xoá hoặc viết lại kể từ mốc chốt đó.\n' +
    'Mã thoát: 0 nguyên vẹn, 1 bị phá vỡ, 2 không kiểm tra được.',
  bad_arg: (p) => `Tuỳ chọn không hợp lệ hoặc thiếu giá trị: ${p.arg}.`,
  no_database: (p) => `Không có cơ sở dữ liệu Watchfloor tại ${p.file}. Chỉ định thư mục dữ liệu bằng --data-dir hoặc tệp bằng --db.`,
  not_database: (p) => `${p.file} không phải là cơ sở dữ liệu SQLite, hoặc đã bị hỏng.`,
  no_audit_log: (p) => `${p.file} không có nhật ký thao tác: tệp do một phiên bản Watchfloor chưa có nhật ký thao tác ghi ra.`,
  db_unreadable: (p) => `Không mở được ${p.file} (${p.detail}).`,
  checkpoint_unreadable: (p) => `Không đọc được tệp mốc chốt ${p.file} (${p.detail}).`,
  checkpoint_invalid: (p) => `Tệp ${p.file} không phải là mốc chốt nhật ký thao tác hợp lệ của Watchfloor: ${p.reason}.`,
  'reason.not_json': () => 'tệp không phải JSON',
  'reason.not_a_checkpoint': () => 'tệp không phải mốc chốt nhật ký thao tác',
  'reason.unsupported_version': () => 'tệp thuộc phiên bản Watchfloor mới hơn',
  'reason.missing_field': () => 'thiếu một trường dữ liệu',
  'reason.malformed_signed_text': () => 'phần nội dung được ký sai định dạng',
  'reason.malformed_signature': () => 'chữ ký sai định dạng',
  'reason.fields_disagree': () => 'các trường không khớp với nội dung được ký',
  'reason.bad_public_key': () => 'không đọc được khoá công khai',
  'reason.key_fingerprint_mismatch': () => 'khoá công khai không khớp với dấu vân tay ghi trong tệp',
  title: (p) => `Nhật ký thao tác của ${p.file}`,
  intact: (p) => `NGUYÊN VẸN: ${p.entries} mục, mục cuối #${p.seq} (${p.hash}).`,
  intact_empty: () => 'NGUYÊN VẸN: nhật ký thao tác chưa có mục nào.',
  broken: (p) => `BỊ PHÁ VỠ tại mục #${p.seq}: ${p.why}`,
  hash_mismatch: () => 'nội dung của mục đã bị sửa sau khi ghi.',
  seq_gap: () => 'mục này bị thiếu (đã bị xoá).',
  prev_mismatch: (p) => `mục không nối tiếp mục #${p.prev} (có mục bị xoá, chèn thêm hoặc đổi thứ tự).`,
  truncated: (p) => `nhật ký chỉ đến mục #${p.last}, nhưng mốc chốt lúc ${p.time} có ${p.count} mục (các mục cuối đã bị xoá).`,
  rolled_back: (p) => `đây không phải mục mà mốc chốt lúc ${p.time} đã ký (nhật ký đã bị viết lại hoặc quay lui).`,
  bad_signature: (p) => `chữ ký của mốc chốt lúc ${p.time} không hợp lệ (mốc chốt bị giả mạo hoặc bị sửa).`,
  unknown_key: (p) => `mốc chốt lúc ${p.time} được ký bằng một khoá mà bản cài đặt này chưa từng có.`,
  unreadable: () => 'không đọc được mục này: tệp cơ sở dữ liệu bị hỏng hoặc bị sửa trực tiếp bên dưới SQL.',
  kept_valid: (p) => `Mốc chốt lưu giữ lúc ${p.time}: ${p.count} mục, đến mục #${p.seq}, khoá ${p.key}; chữ ký hợp lệ.`,
  kept_bad_signature: (p) => `Mốc chốt lưu giữ lúc ${p.time}: chữ ký KHÔNG hợp lệ.`,
  kept_unknown_key: (p) => `Mốc chốt lưu giữ lúc ${p.time}: chữ ký hợp lệ, nhưng khoá ${p.key} không thuộc bản cài đặt này.`,
  stored: (p) => `Mốc chốt đã lưu: ${p.n}; mốc mới nhất lúc ${p.time}, gồm ${p.count} mục.`,
  stored_none: () => 'Mốc chốt đã lưu: chưa có.',
  checked: (p) => `Đã kiểm tra ${p.checked}/${p.entries} mục trong ${p.secs} giây.`,
  progress: (p) => `Đang kiểm tra… ${p.percent}%`,
  unexpected: (p) => `Không hoàn tất được việc kiểm tra: ${p.detail}`,
};

const TEXTS: Record<Lang, Texts> = { en: EN, vi: VI };

export function say(lang: Lang, key: string, p: P = {}): string {
  const t = TEXTS[lang][key] ?? EN[key];
  return t ? t(p) : key;
}

function formatTime(lang: Lang, iso: string): string {
  if (lang === 'en') return iso;
  // Inspectors here read local time; the zone is said so it cannot be mistaken for UTC.
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
  return `${local} (GMT+7)`;
}

function why(lang: Lang, problem: BreakProblem, r: VerifyReport, n: (v: number) => string): string {
  const b = r.firstBroken!;
  const time = b.checkpoint ? formatTime(lang, b.checkpoint.time) : '';
  switch (problem) {
    case 'hash_mismatch':
    case 'seq_gap':
    case 'unreadable':
      return say(lang, problem);
    case 'prev_mismatch':
      return say(lang, problem, { prev: n(b.seq - 1) });
    case 'truncated':
      return say(lang, problem, { last: n(b.seq - 1), time, count: n(b.checkpoint?.count ?? 0) });
    case 'rolled_back':
    case 'bad_signature':
    case 'unknown_key':
      return say(lang, problem, { time });
  }
}

/** The verdict as printed: one screen at most. */
export function verdictLines(lang: Lang, file: string, r: VerifyReport, fingerprintShown: (hex: string) => string): string[] {
  const fmt = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US');
  const n = (v: number) => fmt.format(v);
  const lines = [say(lang, 'title', { file })];
  if (r.firstBroken) lines.push(say(lang, 'broken', { seq: n(r.firstBroken.seq), why: why(lang, r.firstBroken.problem, r, n) }));
  else if (r.head) lines.push(say(lang, 'intact', { entries: n(r.entries), seq: n(r.head.seq), hash: r.head.hash }));
  else lines.push(say(lang, 'intact_empty'));
  const k = r.checkpoint;
  if (k) {
    const p = { time: formatTime(lang, k.time), count: n(k.count), seq: n(k.headSeq), key: fingerprintShown(k.keyFingerprint) };
    lines.push(say(lang, !k.signatureValid ? 'kept_bad_signature' : !k.knownKey ? 'kept_unknown_key' : 'kept_valid', p));
  }
  const s = r.storedCheckpoints;
  lines.push(s.latest ? say(lang, 'stored', { n: n(s.count), time: formatTime(lang, s.latest.time), count: n(s.latest.count) }) : say(lang, 'stored_none'));
  lines.push(say(lang, 'checked', { checked: n(r.checked), entries: n(r.entries), secs: (r.durationMs / 1000).toFixed(1) }));
  return lines;
}
