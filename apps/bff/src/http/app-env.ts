import type { Session } from '../services/session';

/** What the per-request log line may name about the install (never the key itself). */
export type LogInstall = { readonly installedAppId: string; readonly apiKeyPrefix?: string };

/**
 * The typed Hono env every route file uses: `new Hono<AppEnv>()`. `session` is set by
 * requireSession, so it is present in every handler under /api.
 */
export type AppEnv = {
  Variables: {
    requestId: string;
    session: Session;
    logInstall: LogInstall | undefined;
  };
};
