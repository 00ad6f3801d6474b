import { z } from 'zod';
import { CaseQueueQuery } from './case-queue';
import { CaseQueueFilters } from './exports';

// Saved views (issue 12, docs/decisions/021-team-workflow.md): a reviewer names a queue
// filter combination and keeps it, per reviewer per install.

/** Most views one reviewer keeps; a longer list stops being a shortcut. */
export const SAVED_VIEW_MAX = 30;
export const SAVED_VIEW_NAME_MAX = 60;

export const SavedViewId = z.string().regex(/^svw_[0-9a-f-]{36}$/, 'must be a saved view id');

/** The queue's filters (those its CSV takes) and its order; paging and cursors are not kept. */
export const SavedViewFilters = CaseQueueFilters.extend({ sort: CaseQueueQuery.shape.sort }).strict();
export type SavedViewFilters = z.infer<typeof SavedViewFilters>;

export const SavedViewBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Name the view.')
      .max(SAVED_VIEW_NAME_MAX, `A view's name is at most ${SAVED_VIEW_NAME_MAX} characters.`),
    filters: SavedViewFilters,
  })
  .strict();
export type SavedViewBody = z.infer<typeof SavedViewBody>;

export const SavedViewDto = z.object({
  view_id: z.string(),
  name: z.string(),
  filters: SavedViewFilters,
  created_at: z.string(),
});
export type SavedViewDto = z.infer<typeof SavedViewDto>;

/** The reviewer's own views, by name. */
export const SavedViewListDto = z.object({ items: z.array(SavedViewDto) });
export type SavedViewListDto = z.infer<typeof SavedViewListDto>;
