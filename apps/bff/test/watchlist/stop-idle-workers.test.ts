import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Idle workers are unreferenced, so they never keep the BFF alive by themselves. Stopping them
// must still settle: a caller with nothing else to do (a script, the screening bench) used to end
// before the child's exit was seen, its `await workers.stop()` abandoned (exit code 13).
const SCRIPT = fileURLToPath(new URL('./support/stop-idle-workers.ts', import.meta.url));

describe('stopping idle watchlist workers', () => {
  it('settles, so a process that only awaits it ends normally', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('stopped\n');
    expect(run.status).toBe(0);
  });
});
