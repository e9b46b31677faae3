// A stand-in core for the crash tests: records one lab camera continuously on a data dir and prints
// "OPEN <absolute file> <bytes written>" every 200 ms while a segment is open. The test then sends
// SIGKILL, as a power cut or kill -9 would, and starts a new rig on the same data dir.
// Run as: node --import tsx recording-child.ts <data dir> <camera info JSON> <segment ms>
import { openRig } from './recording-rig';

const [dataDir, json, segmentMs] = process.argv.slice(2);
const cam = JSON.parse(json!);
const rig = await openRig([cam], { dataDir, segmentMs: Number(segmentMs) });
await rig.record(cam.name);
setInterval(() => {
  const open = rig.recording.openSegment(rig.cameraIds.get(cam.name)!);
  if (open) process.stdout.write(`OPEN ${open.file} ${open.bytes}\n`);
}, 200);
