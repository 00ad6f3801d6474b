import { type Agent, request } from 'node:http';

export type Timed = { readonly status: number; readonly ms: number; readonly body: string };

export type TimedRequest = {
  readonly url: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** A keep-alive agent, or `false` for a new connection per request (as Cloud's callbacks come). */
  readonly agent: Agent | false;
  /** Overrides REQUEST_TIMEOUT_MS (a slow figure that is still worth reporting). */
  readonly timeoutMs?: number;
};

/** Bounds every request: a hung server fails the bench instead of stalling it. */
const REQUEST_TIMEOUT_MS = 30_000;

/** One request, timed from the call to the last byte of the answer. */
export function timed(options: TimedRequest): Promise<Timed> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      options.url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: options.agent,
        timeout: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(
        new Error(
          `${options.method ?? 'GET'} ${new URL(options.url).pathname} took over ${String(options.timeoutMs ?? REQUEST_TIMEOUT_MS)} ms`,
        ),
      ),
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Throws unless the answer has the expected status (the message names the path, never the query). */
export function expectStatus(answer: Timed, status: number, what: string): Timed {
  if (answer.status !== status)
    throw new Error(`${what} answered ${String(answer.status)}: ${answer.body.slice(0, 200)}`);
  return answer;
}
