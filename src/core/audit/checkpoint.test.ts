import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCheckpointFile, parseSignedText, signedText } from './checkpoint';
import { auditFixture, type AuditFixture } from './test-fixture';

const fixtures: AuditFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.cleanup();
});

async function withCheckpoint(entries = 3) {
  const f = auditFixture();
  fixtures.push(f);
  for (let i = 0; i < entries; i++) await f.audit.append({ actor: { userId: 'u', username: 'admin' }, action: 'settings.update', outcome: 'ok' });
  const cp = await f.audit.checkpoint();
  return { f, cp, text: f.audit.checkpointFile(cp) };
}

const openssl = (args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' });

describe('the checkpoint file', () => {
  it('is accepted by openssl pkeyutl -verify -rawin, and its key fingerprint matches the DER key', async () => {
    expect(openssl(['version']).stdout).toMatch(/^OpenSSL 3\./);
    const { f, cp, text } = await withCheckpoint();
    const file = JSON.parse(text) as { signed: string; signature: string; publicKeyPem: string; keyFingerprint: string; count: number; headSeq: number };
    expect(file).toMatchObject({ count: 3, headSeq: 3, keyFingerprint: f.key.fingerprint });
    const signedBin = path.join(f.dir, 'signed.bin');
    const sigBin = path.join(f.dir, 'sig.bin');
    const pubPem = path.join(f.dir, 'pub.pem');
    writeFileSync(signedBin, file.signed, 'utf8');
    writeFileSync(sigBin, Buffer.from(file.signature, 'base64'));
    writeFileSync(pubPem, file.publicKeyPem);
    const ok = openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pubPem, '-rawin', '-in', signedBin, '-sigfile', sigBin]);
    expect(ok.stdout + ok.stderr).toContain('Signature Verified Successfully');
    expect(ok.status).toBe(0);

    writeFileSync(signedBin, file.signed.replace(`count ${cp.count}`, `count ${cp.count + 1}`), 'utf8');
    const bad = openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pubPem, '-rawin', '-in', signedBin, '-sigfile', sigBin]);
    expect(bad.status).not.toBe(0);

    const der = spawnSync('openssl', ['pkey', '-pubin', '-in', pubPem, '-outform', 'DER']);
    const sum = spawnSync('sha256sum', { input: der.stdout, encoding: 'utf8' });
    expect(sum.stdout.split(' ')[0]).toBe(file.keyFingerprint);
  });

  it('round-trips through parseCheckpointFile', async () => {
    const { f, cp, text } = await withCheckpoint();
    expect(parseCheckpointFile(text, 'cp.json')).toEqual({ ...cp, publicKeyPem: f.key.publicKeyPem });
    // Saved by an editor that adds a BOM: still read.
    expect(parseCheckpointFile('\uFEFF' + text, 'cp.json').headSeq).toBe(3);
  });

  it('names what is wrong with a file that is not a good checkpoint', async () => {
    const { text } = await withCheckpoint();
    const o = JSON.parse(text) as Record<string, unknown>;
    const reason = (t: string) => {
      try {
        parseCheckpointFile(t, 'cp.json');
        return null;
      } catch (err) {
        expect(err).toMatchObject({ code: 'audit_checkpoint_invalid', params: { file: 'cp.json' } });
        return (err as { params: { reason: string } }).params.reason;
      }
    };
    expect(reason('{not json')).toBe('not_json');
    expect(reason('[]')).toBe('not_a_checkpoint');
    expect(reason(JSON.stringify({ ...o, version: 2 }))).toBe('unsupported_version');
    expect(reason(JSON.stringify({ ...o, signature: undefined }))).toBe('missing_field');
    expect(reason(JSON.stringify({ ...o, signed: (o.signed as string).replace('count', 'total') }))).toBe('malformed_signed_text');
    expect(reason(JSON.stringify({ ...o, signature: 'AAAA' }))).toBe('malformed_signature');
    expect(reason(JSON.stringify({ ...o, count: 999 }))).toBe('fields_disagree');
    expect(reason(JSON.stringify({ ...o, publicKeyPem: 'garbage' }))).toBe('bad_public_key');
  });

  it('signs text that parses back only when it is exactly as written', () => {
    const f = { count: 5, headSeq: 5, headHash: 'a'.repeat(64), timeMs: 1_772_352_000_000, keyFingerprint: 'b'.repeat(64) };
    const t = signedText(f);
    expect(t).toBe(
      `watchfloor-audit-checkpoint 1\ncount 5\nhead-seq 5\nhead-hash ${'a'.repeat(64)}\ntime 2026-03-01T08:00:00.000Z\ntime-ms 1772352000000\nkey ${'b'.repeat(64)}\n`,
    );
    expect(parseSignedText(t)).toEqual(f);
    expect(parseSignedText(t.replace('count 5', 'count 05'))).toBeNull();
    expect(parseSignedText(t.replace('\n', '\r\n'))).toBeNull();
    expect(parseSignedText(t.replace('time 2026-03-01T08:00:00.000Z', 'time 2026-03-01T09:00:00.000Z'))).toBeNull();
    expect(parseSignedText(t + 'extra\n')).toBeNull();
  });

  it('tells an inspector how to check it without Watchfloor', async () => {
    const { text } = await withCheckpoint(0);
    const o = JSON.parse(text) as { howToVerify: string[]; count: number; headHash: string; keyFingerprintGrouped: string };
    expect(o.count).toBe(0);
    expect(o.headHash).toBe('0'.repeat(64));
    expect(o.howToVerify.join(' ')).toContain('openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in signed.bin -sigfile sig.bin');
    expect(o.keyFingerprintGrouped).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  });
});
