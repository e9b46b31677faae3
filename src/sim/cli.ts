// `npm run sim -- --cameras N [--base-port P] [--discovery-port D | --no-discovery] [--json]`
// Starts the lab, prints each camera once all are ready, runs until SIGINT/SIGTERM (or stdin
// `quit`), then disposes everything. Fault commands on stdin, one per line:
//   stop-stream CAM | start-stream CAM | refuse-auth CAM on|off | slow CAM SECONDS |
//   malformed CAM on|off | reboot CAM SECONDS | skew CAM MS | motion CAM [on|off] |
//   tamper CAM [on|off] | ignore-stop CAM on|off | ptz CAM | quit
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startLab } from './lab';
import type { Lab, SimCameraHandle } from './types';

const USAGE = 'usage: npm run sim -- --cameras N [--base-port P] [--discovery-port D | --no-discovery] [--json]';

function parse() {
  const { values } = parseArgs({
    options: {
      cameras: { type: 'string', default: '4' },
      'base-port': { type: 'string' },
      'discovery-port': { type: 'string' },
      'no-discovery': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const cameras = Number(values.cameras);
  if (!Number.isInteger(cameras) || cameras < 1 || cameras > 200) throw new Error(`--cameras must be 1..200\n${USAGE}`);
  const basePort = values['base-port'] ? Number(values['base-port']) : undefined;
  const discoveryPort: number | false | undefined = values['no-discovery']
    ? false
    : values['discovery-port'] !== undefined
      ? Number(values['discovery-port'])
      : undefined;
  return { cameras, basePort, discoveryPort, json: values.json };
}

const on = (v: string | undefined) => v === undefined || v === 'on' || v === 'true' || v === '1';

async function command(lab: Lab, line: string): Promise<string> {
  const [verb, name, arg] = line.trim().split(/\s+/);
  if (!verb) return '';
  if (verb === 'quit') return 'quit';
  let cam: SimCameraHandle;
  try {
    cam = lab.camera(name ?? '');
  } catch (err) {
    return (err as Error).message;
  }
  switch (verb) {
    case 'stop-stream':
      await cam.stopStream();
      break;
    case 'start-stream':
      await cam.startStream();
      break;
    case 'refuse-auth':
      await cam.refuseRtspAuth(on(arg));
      break;
    case 'slow':
      cam.slowSoap(Number(arg ?? 0));
      break;
    case 'malformed':
      cam.malformedXml(on(arg));
      break;
    case 'reboot':
      await cam.reboot(Number(arg ?? 10));
      break;
    case 'skew':
      await cam.skewClock(Number(arg ?? 0));
      break;
    case 'motion':
      cam.raiseMotion(on(arg));
      break;
    case 'tamper':
      cam.raiseTampering(on(arg));
      break;
    case 'ignore-stop':
      cam.ptzIgnoresStop(on(arg));
      break;
    case 'ptz':
      return JSON.stringify(cam.ptzState());
    default:
      return `unknown command ${verb}`;
  }
  return `ok ${verb} ${name}`;
}

async function main(): Promise<void> {
  const args = parse();
  const log = (line: string) => process.stderr.write(`[sim] ${line}\n`);
  const lab = await startLab({ cameras: args.cameras, basePort: args.basePort, discoveryPort: args.discoveryPort, log });
  for (const c of lab.cameras) {
    if (args.json) {
      const { name, onvif, rtspMain, rtspSub, username, password, ptz } = c;
      console.log(JSON.stringify({ name, onvif, rtspMain, rtspSub, username, password, ptz, variant: c.variant }));
    } else {
      console.log(`${c.name}  ${c.variant.padEnd(5)}${c.live ? ' live' : '     '}  onvif ${c.onvif}  main ${c.rtspMain}  sub ${c.rtspSub}`);
    }
  }
  if (!args.json) {
    const c = lab.cameras[0]!;
    console.log(`credentials: ${c.username} / ${c.password}`);
    console.log(`discovery: ${lab.discoveryPort ? `UDP ${lab.discoveryPort}` : 'off'}; stop with Ctrl-C`);
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await lab.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // stdin is optional: when it ends (e.g. </dev/null) the lab keeps running until a signal.
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    void command(lab, line)
      .then(async (out) => {
        if (out === 'quit') await stop();
        else if (out) process.stderr.write(`[sim] ${out}\n`);
      })
      .catch((err: Error) => process.stderr.write(`[sim] ${err.message}\n`));
  });
}

main().catch((err: Error) => {
  process.stderr.write(`[sim] ${err.message}\n`);
  process.exit(1);
});
