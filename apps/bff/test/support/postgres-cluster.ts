import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../../scripts/process-tools.mjs';

/**
 * A throwaway PostgreSQL cluster for the storage suites (decision 022): initdb into a temp
 * directory, pg_ctl on a free loopback port with its socket in that directory, stopped and
 * deleted at the end. As root (CI containers) it runs as the `postgres` system user, because
 * initdb refuses root. Without PostgreSQL the suites fail with `installHint`, never skip.
 */

export const POSTGRES_INSTALL_HINT =
  'PostgreSQL is not installed, and the storage suites run against it as well as SQLite. ' +
  'Install it with `sudo apt-get install -y postgresql` (Debian/Ubuntu; .ci/run does this), ' +
  'or set PG_BIN to the directory holding initdb and pg_ctl.';

export type Cluster = { readonly adminUrl: string; readonly port: number; stop(): void };

const SUPERUSER = 'kyc';

/** The directory with initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<n>/bin. */
export function findPostgresBin(): string | null {
  const given = process.env.PG_BIN;
  if (given !== undefined && given !== '') return existsSync(join(given, 'initdb')) ? given : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

/** Who runs the server: the current user, or `postgres` when we are root. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const found = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (found.status !== 0 || group.status !== 0)
    throw new Error(
      'Running as root, and there is no `postgres` user to run the test cluster as (initdb refuses root).',
    );
  return { uid: Number(found.stdout.trim()), gid: Number(group.stdout.trim()) };
}

export async function startCluster(): Promise<Cluster> {
  const bin = findPostgresBin();
  if (bin === null) throw new Error(POSTGRES_INSTALL_HINT);
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'kyc-pg-'));
  const data = join(dir, 'data');
  if (user !== null) chownSync(dir, user.uid, user.gid);
  chmodSync(dir, 0o700);
  const run = (tool: string, args: string[]) => {
    const result = spawnSync(join(bin, tool), args, {
      encoding: 'utf8',
      ...(user === null ? {} : { uid: user.uid, gid: user.gid }),
      env: { ...process.env, LC_ALL: 'C' },
    });
    if (result.status !== 0)
      throw new Error(
        `${tool} failed (${result.status ?? result.signal ?? 'no status'}): ${result.stderr || result.stdout}`,
      );
  };
  run('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--no-sync']);
  const port = await freePort();
  // Durability is not what these suites test: no fsync keeps them fast.
  const options = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  writeFileSync(join(dir, 'options'), options);
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  return {
    adminUrl: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
