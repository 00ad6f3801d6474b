import type { Reviewer } from '../services/reviewer';
import type { Session } from '../services/session';

/** What the per-request log line may name about the install (never the key itself). */
export type LogInstall = { readonly installedAppId: string; readonly apiKeyPrefix?: string };

/**
 * The typed Hono env every route file uses: `new Hono<AppEnv>()`. `session` is set by
 * requireSession, so it is present in every handler under /api; `reviewer` by
 * requireReviewer, so it is present in every /api handler but the /api/session ones.
 */
export type AppEnv = {
  Variables: {
    requestId: string;
    session: Session;
    reviewer: Reviewer;
    logInstall: LogInstall | undefined;
  };
};
