// The evidence package on the media, as an inspector finds it years later without our software:
//
//   <package>/
//     manifest.json        what, who, why, when (local time and UTC), every file with size and SHA-256
//     manifest.json.sig    Ed25519 signature (64 raw bytes) over exactly the bytes of manifest.json
//     public-key.pem       the installation's public key (SPKI PEM); its SHA-256 fingerprint is in the manifest
//     SHA256SUMS           `sha256sum -c SHA256SUMS` checks every other file; its own hash is in the manifest
//     README.txt           how to check all of it with sha256sum and openssl alone (English and Vietnamese)
//     report.html / .pdf   the same, for people
//     video/…mp4           per camera (and per continuous span), stream copy, faststart
//     video/…burned-in.mp4 optional, re-encoded with camera name and time, labelled as such
//     stills/…png          optional
// Encrypted packages carry `….enc` media (format in crypto-stream.ts) and say so in the manifest.
// This module has no dependency on the database: `npm run verify` uses it on any machine.

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.json.sig';
export const PUBLIC_KEY = 'public-key.pem';
export const CHECKSUMS = 'SHA256SUMS';
export const README = 'README.txt';
export const FORMAT = 'watchfloor-evidence/1';

export interface Instant {
  utc: string;
  local: string;
}

export type FileKind = 'video' | 'video-burned-in' | 'still' | 'report' | 'readme' | 'public-key' | 'checksums';

export interface ManifestFile {
  name: string;
  kind: FileKind;
  bytes: number;
  sha256: string;
  cameraId?: string;
  from?: Instant;
  to?: Instant;
  /** The file is encrypted: sha256 is of the bytes on the media, plaintextSha256 of the decrypted content. */
  encrypted?: boolean;
  plaintextSha256?: string;
  plaintextBytes?: number;
  /** A part of a file split for FAT32 (parts join in name order). */
  part?: { index: number; of: number; joined: string; joinedSha256: string };
}

export interface ManifestCamera {
  id: string;
  name: string;
  point: { name: string; address: string; lat: number | null; lon: number | null };
  area: string | null;
  /** Camera clock minus console clock (ms) when recorded; null when it was not measured. */
  clockOffsetMs: number | null;
  delivered: Array<{ from: Instant; to: Instant; file: string }>;
  gaps: Array<{ from: Instant; to: Instant }>;
  skippedSegments: Array<{ segment: string; from: Instant; to: Instant; reason: string }>;
}

export interface Manifest {
  format: typeof FORMAT;
  packageId: string;
  createdAt: Instant;
  timeZone: string;
  app: { name: 'Watchfloor'; version: string };
  operator: { id: string; username: string; displayName: string };
  case: { number: string; incidentId: string | null; reason: string };
  requested: { from: Instant; to: Instant };
  cameras: ManifestCamera[];
  files: ManifestFile[];
  encryption: null | {
    algorithm: 'AES-256-GCM';
    kdf: { name: 'scrypt'; N: number; r: number; p: number; saltHex: string };
    chunkBytes: number;
    note: string;
  };
  signing: { algorithm: 'Ed25519'; publicKeyFile: string; publicKeyFingerprintSha256: string; signatureFile: string };
  checksumsFile: string;
}

/** The manifest's bytes: 2-space JSON, LF line ends, UTF-8, a final newline. Signed exactly so. */
export function manifestBytes(m: Manifest): Buffer {
  return Buffer.from(JSON.stringify(m, null, 2) + '\n', 'utf8');
}

/** `sha256sum` format: "<hex>  <name>" (two spaces: binary-agnostic text mode), LF, sorted. */
export function checksumsText(files: ReadonlyArray<{ name: string; sha256: string }>): string {
  return [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.name}\n`)
    .join('');
}

export function parseChecksums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}

/** An instant as the manifest writes it: UTC ISO 8601 and the same in the console's zone with its offset. */
export function instant(ms: number, timeZone: string): Instant {
  return { utc: new Date(ms).toISOString(), local: localIso(ms, timeZone) };
}

/** 2025-03-03T07:30:00.000+07:00 */
export function localIso(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offsetMin = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const ms3 = String(((ms % 1000) + 1000) % 1000).padStart(3, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${ms3}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A name safe on every file system (FAT32 included): ASCII letters, digits and '-'. */
export function safeName(text: string, max = 40): string {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
  const s = folded.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return (s || 'x').slice(0, max);
}

/** 20250303-073000 in the console's zone, for file names. */
export function stamp(ms: number, timeZone: string): string {
  return localIso(ms, timeZone).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}
