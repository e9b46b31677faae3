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
    '- **Serve mode**: a WebSocket at `/api` (same origin as the page; the `Origin` must be the console itself). It carries the session of the `wf_session` cookie (HttpOnly, SameSite=Strict); without one only the calls marked "before sign-in" answer. The calls marked **HTTP** change the session and are `POST /api/http/<method>` with a JSON body (same Origin, `Content-Type: application/json`); their answer sets or clears the cookie. `GET /api/health` answers `{"status":"ok","version":"…"}` without a session. Downloads (e.g. `GET /download/audit.csv`) use the same cookie.',
    '- **Electron**: `window.watchfloor.call(method, input)` from the preload, validated in the main process, which keeps the window\'s session itself.',
    '',
    'Every call is checked in this order: session, console lock (changes wait for the password), permission, input, area scope of the records it names (out of scope reads as `not_found`), then the handler; the answer is checked against the output schema in tests and development. **Audit** says what the audit trail records: `write` (the change and its outcome), `read` (a sensitive read), `none`. Refusals are always recorded.',
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
    const targets = (spec as { targets?: Record<string, string> }).targets;
    lines.push(
      `### \`${name}\``,
      '',
      spec.summary,
      '',
      `Permission: ${spec.permission ? `\`${spec.permission}\`` : 'none (before sign-in)'} · Audit: \`${spec.audit}\`${spec.transport === 'http' ? ' · **HTTP**' : ''}${targets ? ` · Scope-checked: ${Object.entries(targets).map(([f, k]) => `\`${f}\` (${k})`).join(', ')}` : ''}`,
      '',
    );
    lines.push('Input:', '```json', schemaText(spec.input, 'input'), '```', '', 'Output:', '```json', schemaText(spec.output, 'output'), '```', '');
  }
  lines.push('## Events', '', '```json', schemaText(event, 'output'), '```', '');
  return lines.join('\n');
}
