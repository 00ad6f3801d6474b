import { randomUUID } from 'node:crypto';
import { SAVED_VIEW_MAX, SavedViewFilters, type SavedViewBody, type SavedViewDto } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { SavedViewRecord } from '../db/saved-view-repository';
import type { Repositories } from '../db/repositories';
import { parseJsonColumn } from '../db/json-column';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { actorOf, requireScope } from './kyc-access';
import type { Session } from './session';

const toDto = (v: SavedViewRecord): SavedViewDto => ({
  view_id: v.viewId,
  name: v.name,
  filters: parseJsonColumn(SavedViewFilters, v.filters, 'kyc_saved_views.filters'),
  created_at: v.createdAt,
});

export type SavedViewService = ReturnType<typeof createSavedViewService>;

/**
 * A reviewer's saved queue views (decision 021): their own only, per install. A view keeps
 * `assignee=me` as written, so it means whoever applies it: its owner.
 */
export function createSavedViewService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  return {
    async list(session: Session): Promise<{ items: SavedViewDto[] }> {
      requireScope(session, 'data:read');
      const me = actorOf(session).reviewerId;
      return { items: (await repos.savedViews.list(session.installedAppId, me)).map(toDto) };
    },
    async create(session: Session, body: SavedViewBody): Promise<SavedViewDto> {
      requireScope(session, 'data:read');
      const me = actorOf(session).reviewerId;
      const install = session.installedAppId;
      return repos.transaction(async (tx) => {
        if (await tx.savedViews.nameTaken(install, me, body.name))
          throw new ConflictError(`You already have a view named “${body.name}”.`, { name: body.name });
        if ((await tx.savedViews.count(install, me)) >= SAVED_VIEW_MAX)
          throw new ValidationError(`You can keep at most ${String(SAVED_VIEW_MAX)} views; delete one first.`, {
            max: SAVED_VIEW_MAX,
          });
        const view: SavedViewRecord = {
          viewId: `svw_${randomUUID()}`,
          name: body.name,
          filters: JSON.stringify(body.filters),
          createdAt: clock.now().toISOString(),
        };
        await tx.savedViews.insert({ ...view, installedAppId: install, reviewerId: me });
        return toDto(view);
      });
    },
    async remove(session: Session, viewId: string): Promise<void> {
      requireScope(session, 'data:read');
      const removed = await repos.savedViews.remove(session.installedAppId, actorOf(session).reviewerId, viewId);
      // Another reviewer's view, another install's or none at all: the same 404.
      if (!removed) throw new NotFoundError('No such saved view.');
    },
  };
}
