import { createCallbackEventRepository } from './callback-event-repository';
import { createInstallRepository } from './install-repository';
import { createLaunchTokenRepository } from './launch-token-repository';
import { checkpointWal, type Db } from './open-database';
import { createSessionRepository } from './session-repository';

export type Repositories = ReturnType<typeof createRepositories>;

/** Every repository over one connection, plus the write transaction services use. */
export function createRepositories(db: Db) {
  return {
    installs: createInstallRepository(db),
    callbackEvents: createCallbackEventRepository(db),
    launchTokens: createLaunchTokenRepository(db),
    sessions: createSessionRepository(db),
    /**
     * BEGIN IMMEDIATE: the write lock is taken before the first read, so a read-then-write
     * decision (idempotency, single-use tokens) cannot interleave with another process.
     */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
    /** After destroying a secret: no copy of the old pages stays in the WAL (see checkpointWal). */
    checkpoint(): void {
      checkpointWal(db);
    },
  };
}
