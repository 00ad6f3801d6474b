import { describe, expect, it } from 'vitest';
import { startEventLoopReport } from './event-loop-report';

describe('event loop report', () => {
  it('logs the longest stall of each interval', async () => {
    const lines: { msg: string; fields: Record<string, unknown> | undefined }[] = [];
    const stop = startEventLoopReport({ info: (msg, fields) => lines.push({ msg, fields }) }, 300);
    await new Promise((r) => setTimeout(r, 50));
    // Hold the loop for ~120 ms, as a slice that ran too long would.
    const until = performance.now() + 120;
    while (performance.now() < until);
    await new Promise((r) => setTimeout(r, 400));
    stop();
    const [first] = lines;
    expect(first?.msg).toBe('event loop delay');
    expect(Number(first?.fields?.['max_ms'])).toBeGreaterThanOrEqual(100);
    expect(first?.fields).toMatchObject({ interval_ms: 300, p50_ms: expect.any(Number), p99_ms: expect.any(Number) });
  });
});
