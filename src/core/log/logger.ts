// A named logger per module. Lines go to stderr as `time level name message {fields}` so that
// serve mode's stdout stays free for the URL and machine-readable output.
// Secrets never reach a log line: `redact` strips passwords from URLs and known fields.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(name: string): Logger;
}

export type LogSink = (line: string, level: LogLevel) => void;

let threshold: LogLevel = (process.env.WATCHFLOOR_LOG as LogLevel) in ORDER ? (process.env.WATCHFLOOR_LOG as LogLevel) : 'info';
let sink: LogSink = (line) => process.stderr.write(line + '\n');

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

/** Tests capture lines with this; returns a function that restores the previous sink. */
export function setLogSink(next: LogSink): () => void {
  const prev = sink;
  sink = next;
  return () => {
    sink = prev;
  };
}

const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie/i;

// A URL in a log line runs to whitespace or a double quote (JSON fields). Not to a single quote:
// a password may hold one, and URL's password setter leaves ' (and ! $ & ( ) * + ,) as typed,
// so ffmpeg prints it as is; stopping there showed the rest of such a password. ffmpeg's
// "from 'rtsp://…':" keeps its closing quote after the host, which does no harm.
const URL_IN_TEXT = /([a-z][a-z0-9+.-]*:\/\/)([^\s"`<>]*)/gi;
// The same, percent-encoded as a whole (a URL inside a query string): rtsp%3A%2F%2F…
const ENCODED_URL_IN_TEXT = /([a-z][a-z0-9+.-]*%3A%2F%2F)([^\s"'`<>&]*)/gi;

/** `user:secret` + `@` → `user:***@`; the userinfo ends at the LAST `at`, as URL parsers read it. */
function hideUserinfo(rest: string, at: string, colon: string): string {
  const lower = rest.toLowerCase();
  const end = lower.lastIndexOf(at.toLowerCase());
  if (end === -1) return rest;
  const sep = lower.slice(0, end).indexOf(colon.toLowerCase());
  // No colon: a user name alone, or an @ in the path; nothing secret to hide.
  if (sep === -1) return rest;
  return `${rest.slice(0, sep)}${colon}***${rest.slice(end)}`;
}

/**
 * Removes passwords from URL-like strings: rtsp://user:pw@host → rtsp://user:***@host, all of the
 * password even when it holds @, : or / (rtsp://admin:P@ss@w0rd@host → rtsp://admin:***@host), and
 * in URLs percent-encoded as a whole. When in doubt (an @ later in the path) it hides too much
 * rather than too little.
 */
export function redact(text: string): string {
  return text
    .replace(URL_IN_TEXT, (_m, scheme: string, rest: string) => scheme + hideUserinfo(rest, '@', ':'))
    .replace(ENCODED_URL_IN_TEXT, (_m, scheme: string, rest: string) => scheme + hideUserinfo(rest, '%40', '%3A'));
}

function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_KEYS.test(k)) out[k] = '***';
    else if (typeof v === 'string') out[k] = redact(v);
    else if (v instanceof Error) out[k] = redact(v.message);
    else out[k] = v;
  }
  return out;
}

export function createLogger(name: string): Logger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[threshold]) return;
    // Redacted again as JSON: a URL nested in an object or array field is caught too.
    const extra = fields && Object.keys(fields).length ? ' ' + redact(JSON.stringify(redactFields(fields))) : '';
    sink(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${name}: ${redact(msg)}${extra}`, level);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (sub) => createLogger(`${name}.${sub}`),
  };
}
