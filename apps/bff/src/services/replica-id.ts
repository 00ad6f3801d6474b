import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Names this process among the replicas sharing one database, in the leases it holds (the
 * outbox's claims, the per-install sync): host, process id and a random part, so a restarted
 * process on the same host with a reused pid is still someone else.
 */
export const newReplicaId = (): string => `${hostname()}:${String(process.pid)}:${randomBytes(4).toString('hex')}`;
