import type { Clock } from '../clock';
import { KeyRing } from '../crypto/key-ring';
import type { Db } from '../db/open-database';
import { createRepositories } from '../db/repositories';
import type { Config } from '../env';
import type { Logger } from '../logging/logger';
import { createInstallService } from './install-service';
import { createPortalService } from './portal-service';
import { createSessionService } from './session-service';

export type ServiceDeps = { readonly db: Db; readonly config: Config; readonly clock: Clock; readonly logger: Logger };

export type Services = ReturnType<typeof createServices>;

/** Wires repositories into use cases. New services (Cloud client, KYC) are added here. */
export function createServices({ db, config, clock, logger }: ServiceDeps) {
  const repos = createRepositories(db);
  const keyRing = new KeyRing(config.encryptionKeys);
  const installs = createInstallService({ repos, keyRing, clock, logger });
  const sessions = createSessionService({ repos, clock, idleSeconds: config.sessionIdleSeconds, maxSeconds: config.sessionMaxSeconds });
  const portal = createPortalService({ repos, clock, sessions, publicUrl: config.publicUrl, tokenTtlSeconds: config.portalTokenTtlSeconds });
  return { repos, keyRing, installs, sessions, portal };
}
