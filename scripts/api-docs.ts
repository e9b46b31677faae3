import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderApiDocs } from '../src/shared/contract/api-docs';

const file = path.resolve(import.meta.dirname, '../docs/api.md');
writeFileSync(file, renderApiDocs());
console.log(`wrote ${file}`);
