// Free-port helper: tests run side by side, so nothing in the lab binds a fixed port by default.
import { createServer } from 'node:net';

/** A TCP port that was free a moment ago on `host` (bind 0, read, close). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
