export interface ServeArgs {
  port: number;
  host: string;
  dataDir: string | null;
  demo: boolean;
  rendererDir: string | null;
  allowHosts: string[];
  explainNoElectron: boolean;
  tlsCert: string | null;
  tlsKey: string | null;
  /** Spelled out by whoever binds beyond loopback without TLS: passwords then cross the LAN in clear. */
  insecureLan: boolean;
}

export class ArgError extends Error {
  constructor(readonly arg: string) {
    super(`bad argument ${arg}`);
  }
}

/**
 * Parses `--port P --data-dir D [--host H] [--demo] [--allow-host name] [--tls-cert F --tls-key F]
 * [--insecure-lan]` (also `--port=P`).
 */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const out: ServeArgs = { port: 8640, host: '127.0.0.1', dataDir: null, demo: false, rendererDir: null, allowHosts: [], explainNoElectron: false, tlsCert: null, tlsKey: null, insecureLan: false };
  const list = argv.flatMap((a) => (a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    const value = () => {
      const v = list[++i];
      if (v === undefined || v.startsWith('--')) throw new ArgError(arg);
      return v;
    };
    switch (arg) {
      case '--port': {
        const p = Number(value());
        if (!Number.isInteger(p) || p < 0 || p > 65535) throw new ArgError(`${arg} ${list[i]}`);
        out.port = p;
        break;
      }
      case '--host':
        out.host = value();
        break;
      case '--data-dir':
        out.dataDir = value();
        break;
      case '--renderer-dir':
        out.rendererDir = value();
        break;
      case '--allow-host':
        out.allowHosts.push(value());
        break;
      case '--tls-cert':
        out.tlsCert = value();
        break;
      case '--tls-key':
        out.tlsKey = value();
        break;
      case '--insecure-lan':
        out.insecureLan = true;
        break;
      case '--demo':
        out.demo = true;
        break;
      case '--explain-no-electron':
        out.explainNoElectron = true; // set by scripts/start.mjs when it fell back to serve mode
        break;
      default:
        throw new ArgError(arg);
    }
  }
  if (!out.tlsCert !== !out.tlsKey) throw new ArgError(out.tlsCert ? '--tls-key' : '--tls-cert');
  return out;
}
