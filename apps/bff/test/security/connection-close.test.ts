import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, startServer, TEST_CALLBACK_SECRET, type TestApp } from '../support';

// A body refused before it was read to the end (413, 415) must end the connection: a
// keep-alive client's next request used to hit a reset socket now and then.

let t: TestApp | undefined;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  t?.close();
});

type Answer = { status: number; connection: string | undefined };
function send(agent: Agent, url: string, init: { method: string; body?: string; type?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: init.method,
        headers: init.body === undefined ? {} : { 'content-type': init.type ?? 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('Connection: close on refused bodies', () => {
  it('answers 20 keep-alive requests after an oversize body and after a wrong content type', async () => {
    t = createTestApp();
    const server = await startServer(t.app);
    close = server.close;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const callback = `${server.url}/cloud/callback?key=${TEST_CALLBACK_SECRET}`;

    const oversize = await send(agent, callback, { method: 'POST', body: `{"x":"${'x'.repeat(256 * 1024)}"}` });
    expect(oversize).toEqual({ status: 413, connection: 'close' });
    const wrongType = await send(agent, callback, { method: 'POST', body: 'x'.repeat(1024), type: 'text/plain' });
    expect(wrongType).toEqual({ status: 415, connection: 'close' });

    const answers: Answer[] = [];
    for (let i = 0; i < 20; i++) answers.push(await send(agent, `${server.url}/healthz`, { method: 'GET' }));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 200));
    // Ordinary answers keep the connection open.
    expect(answers.every((a) => a.connection !== 'close')).toBe(true);
    agent.destroy();
  });
});
