// Renders docs/api.md from the contract, so the document cannot drift from the code
// (`npm run docs:api` writes it; a test fails when it is stale).
import { z } from 'zod';
import { api } from './api';
import { event } from './events';

function schemaText(schema: z.ZodType, io: 'input' | 'output'): string {
  return JSON.stringify(z.toJSONSchema(schema, { io, unrepresentable: 'any' }), null, 2).replace(/\n\s*"\$schema": "[^"]*",?/, '');
}

export function renderApiDocs(): string {
  const lines: string[] = [
    '# Watchfloor API',
    '',
    'Generated from `src/shared/contract` by `npm run docs:api`. Do not edit by hand.',
    '',
    'Both transports carry the same messages:',
    '- **Serve mode**: a WebSocket at `/api` (same origin as the page; the session cookie set on `GET /` is required, and the `Origin` must be the console itself). `GET /api/health` answers `{"status":"ok","version":"…"}` without a session.',
    '- **Electron**: `window.watchfloor.call(method, input)` from the preload, validated in the main process.',
    '',
    'A call is `{"kind":"call","id":1,"method":"settings.get","input":{}}`; its answer is',
    '`{"kind":"result","id":1,"ok":true,"value":…}` or `{"kind":"result","id":1,"ok":false,"error":{"code":"…","params":{…}}}`.',
    'Events arrive as `{"kind":"event","event":{"type":"…",…}}`. Messages over 1 MiB are refused with `message_too_large`; the connection stays up.',
    'Live video uses its own binary WebSocket per stream: `/video?camera=<id>&stream=main|sub` (MPEG-TS), see docs/live-video.md.',
    '',
    '## Methods',
    '',
  ];
  for (const [name, spec] of Object.entries(api)) {
    lines.push(`### \`${name}\``, '', spec.summary, '', `Permission: ${spec.permission ? `\`${spec.permission}\`` : 'none (before sign-in)'}`, '');
    lines.push('Input:', '```json', schemaText(spec.input, 'input'), '```', '', 'Output:', '```json', schemaText(spec.output, 'output'), '```', '');
  }
  lines.push('## Events', '', '```json', schemaText(event, 'output'), '```', '');
  return lines.join('\n');
}
