// Reads ffmpeg's stderr: the input and output stream descriptions (codec, picture size) and the last
// lines, from which an exit is classified. The messages matched here are ffmpeg's own (libavformat
// rtsp.c / network.c) and the RTSP status lines servers send; they are stable across ffmpeg 4–7.
import { redact } from '../../log/logger';
import type { OfflineReason } from './types';

export interface StreamInfo {
  codec: string;
  width: number | null;
  height: number | null;
}

const KEEP_LINES = 40;
const STREAM_LINE = /Stream #\d+:\d+(?:\[0x[0-9a-f]+\])?(?:\([^)]*\))?: Video: ([a-z0-9_]+)(.*)$/i;
const SIZE = /[ ,](\d{2,5})x(\d{2,5})[ ,[]/;

export class FfmpegStderr {
  private partial = '';
  private section: 'none' | 'input' | 'output' = 'none';
  readonly lines: string[] = [];
  input: StreamInfo | null = null;
  output: StreamInfo | null = null;
  /** Lines since ffmpeg finished opening the input and began writing; null while it is still opening. */
  private sinceStart: number | null = null;

  constructor(private readonly onInput?: (info: StreamInfo) => void) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r\n|\r|\n/);
    this.partial = parts.pop() ?? '';
    // A line that never ends (progress output) must not grow without bound.
    if (this.partial.length > 4096) this.partial = this.partial.slice(-4096);
    for (const line of parts) if (line) this.line(line);
  }

  /**
   * The last lines that may say what went wrong, passwords removed, for logs and `detail`: stream
   * descriptions (indented), progress and summary lines are left out.
   */
  tail(n = 5): string {
    return this.exitLines()
      .filter((l) => !/^\s|^(frame=|video:|Input #|Output #|Stream mapping|Press \[q\])/.test(l))
      .slice(-n)
      .map(redact)
      .join(' | ');
  }

  /**
   * The lines that can say why ffmpeg stopped. Once it streamed, what it printed while opening
   * the input no longer can: "Could not find codec parameters … unspecified size" is a probe
   * warning ffmpeg prints and then streams anyway; read at a later exit, it called a camera that
   * simply went away "unsupported codec", offline for good.
   */
  exitLines(): string[] {
    return this.sinceStart === null ? this.lines : this.lines.slice(this.lines.length - Math.min(this.sinceStart, this.lines.length));
  }

  private line(line: string): void {
    this.lines.push(line);
    if (this.lines.length > KEEP_LINES) this.lines.shift();
    if (this.sinceStart !== null) this.sinceStart++;
    if (/^Press \[q\]|^Stream mapping:/.test(line)) this.sinceStart = 0;
    if (/^Input #\d+/.test(line)) this.section = 'input';
    else if (/^Output #\d+/.test(line)) this.section = 'output';
    const m = STREAM_LINE.exec(line);
    if (!m || this.section === 'none') return;
    const size = SIZE.exec(m[2] + ' ');
    const info: StreamInfo = {
      codec: m[1]!.toLowerCase(),
      width: size ? Number(size[1]) : null,
      height: size ? Number(size[2]) : null,
    };
    if (this.section === 'input' && !this.input) {
      this.input = info;
      this.onInput?.(info);
    } else if (this.section === 'output' && !this.output) {
      this.output = info;
    }
  }
}

/** Why ffmpeg stopped, from its exit and last words. Order matters: the most specific first. */
export function classifyExit(lines: string[], code: number | null): OfflineReason {
  const text = lines.join('\n');
  if (/setpriv: failed to execute/i.test(text)) return 'ffmpeg_missing';
  if (/failed: 40[13]\b|Server returned 40[13]\b|401 Unauthorized|403 Forbidden/i.test(text)) return 'auth_failed';
  if (/failed: 40[4]\b|Server returned 404\b|404 Not Found|failed: 454\b|Session Not Found/i.test(text)) return 'stream_not_found';
  if (
    /Connection refused|No route to host|Network is unreachable|Host is unreachable|Name or service not known|Temporary failure in name resolution|Cannot assign requested address|Connection timed out|nodename nor servname/i.test(
      text,
    )
  )
    return 'unreachable';
  if (/timed out|Timeout/i.test(text)) return 'timeout';
  if (/Decoder \(codec [^)]*\) not found|Unsupported codec|codec not currently supported|Could not find codec parameters/i.test(text))
    return 'unsupported_codec';
  if (/Invalid data found when processing input|method DESCRIBE failed|Protocol not found/i.test(text)) return 'bad_response';
  if (code === 0) return 'ended';
  return 'crashed';
}
