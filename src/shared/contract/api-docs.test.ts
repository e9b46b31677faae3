import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api } from './api';
import { renderApiDocs } from './api-docs';

describe('docs/api.md', () => {
  it('is generated from the current contract (run npm run docs:api after changing it)', () => {
    const onDisk = readFileSync(path.resolve(__dirname, '../../../docs/api.md'), 'utf8');
    expect(onDisk).toBe(renderApiDocs());
    for (const name of Object.keys(api)) expect(onDisk).toContain(`### \`${name}\``);
  });
});
