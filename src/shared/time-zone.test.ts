import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from './time-zone';

describe('canonicalTimeZone', () => {
  it('knows real zones and keeps the name the operator chose', () => {
    expect(canonicalTimeZone(DEFAULT_TIME_ZONE)).toBe('Asia/Ho_Chi_Minh');
    expect(canonicalTimeZone('Asia/Bangkok')).toBe('Asia/Bangkok');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
  });

  it('normalises the case of listed zones', () => {
    expect(canonicalTimeZone('asia/bangkok')).toBe('Asia/Bangkok');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('EUROPE/PARIS')).toBe('Europe/Paris');
  });

  it('refuses what Intl does not know', () => {
    for (const z of ['Not/AZone', '', 'Asia/Atlantis', 'x'.repeat(65), '../../etc/passwd']) expect(canonicalTimeZone(z), z).toBeNull();
  });
});
