// When the GStreamer side cannot run, the lab must say which Debian packages to install.
import { spawnSync } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { GstProcess } from './gst-process';

const saved = process.env.WATCHFLOOR_SIM_PYTHON;
afterEach(() => {
  if (saved === undefined) delete process.env.WATCHFLOOR_SIM_PYTHON;
  else process.env.WATCHFLOOR_SIM_PYTHON = saved;
});

it('names the Debian packages when the python interpreter is missing', async () => {
  process.env.WATCHFLOOR_SIM_PYTHON = '/nonexistent/python3';
  await expect(GstProcess.start()).rejects.toThrow(/install Debian packages: python3-gi .*gir1\.2-gst-rtsp-server-1\.0/);
});

// A python without `gi` (like the pyenv python3 on PATH here) must be reported, not crash.
const bare = ['/usr/local/bin/python3', spawnSync('which', ['python3'], { encoding: 'utf8' }).stdout.trim()].find(
  (p) => p && p !== '/usr/bin/python3' && spawnSync(p, ['-c', 'import gi'], { encoding: 'utf8' }).status === 1,
);
it.skipIf(!bare)('names the Debian packages when the python has no GStreamer bindings', async () => {
  process.env.WATCHFLOOR_SIM_PYTHON = bare!;
  await expect(GstProcess.start()).rejects.toThrow(/GStreamer Python bindings missing.*install Debian packages: python3-gi/);
});
