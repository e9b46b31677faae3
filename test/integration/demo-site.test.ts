// The demo site on a machine where another console's demo took the free ports between our look and
// our bind (two consoles started together): a new site moves on to the next free range; the lab is
// the real camera lab.
import { describe, expect, it } from 'vitest';
import type { StartDemoLab } from '../../src/core/demo/demo-site';
import { startLab } from '../../src/sim/lab';
import { bookCore } from './support/book-core';

describe('a new demo site whose ports were taken a moment before', () => {
  it('starts on the next free range and keeps it', async () => {
    const asked: number[] = [];
    const start: StartDemoLab = async (o) => {
      asked.push(o.basePort);
      // What the lab says when its RTSP server finds the port taken.
      if (asked.length === 1) throw new Error(`cannot listen on RTSP 127.0.0.1:${o.basePort + 1} (port in use?)`);
      return startLab({ ...o, discoveryPort: false });
    };
    const b = await bookCore({ health: false, startDemoLab: start });
    try {
      const status = await b.call(b.admin, 'demo.start', {});
      expect(status.running).toBe(true);
      expect(asked).toHaveLength(2);
      expect(asked[1]!).toBeGreaterThanOrEqual(asked[0]! + 100);
      // Its cameras are registered at the range it got.
      const tree = await b.call(b.admin, 'register.tree', {});
      expect(tree.cameras.length).toBeGreaterThan(0);
    } finally {
      await b.dispose();
    }
  }, 60_000);

  it('says why when every try fails, and leaves nothing running', async () => {
    const start: StartDemoLab = async (o) => {
      throw new Error(`cannot listen on RTSP 127.0.0.1:${o.basePort + 1} (port in use?)`);
    };
    const b = await bookCore({ health: false, startDemoLab: start });
    try {
      const err = await b.refused(b.admin, 'demo.start', {});
      expect(err.code).toBe('demo_unavailable');
      expect((await b.call(b.admin, 'demo.status', {})).running).toBe(false);
    } finally {
      await b.dispose();
    }
  });
});
