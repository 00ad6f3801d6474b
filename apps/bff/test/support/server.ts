import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

type Fetchable = { fetch: (request: Request) => Response | Promise<Response> };

/** Serves an app on 127.0.0.1 and a random port, for tests where another process calls in. */
export function startServer(app: Fetchable): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
          }),
      });
    });
    server.once('error', reject);
  });
}
