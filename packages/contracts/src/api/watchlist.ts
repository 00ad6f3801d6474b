import { z } from 'zod';

// DTOs of the watchlist: its summary, imports (preview, confirm) and versions (rollback).
// docs/decisions/018-real-watchlists.md.

export const WatchlistListCount = z.object({ list: z.string(), count: z.number().int().min(0) });
export type WatchlistListCount = z.infer<typeof WatchlistListCount>;

/** The active version of the install's watchlist (0: none yet). */
export const WatchlistSummaryDto = z.object({
  total: z.number().int().min(0),
  lists: z.array(WatchlistListCount),
  version: z.number().int().min(0),
  updated_at: z.string().nullable(),
});
export type WatchlistSummaryDto = z.infer<typeof WatchlistSummaryDto>;

/**
 * The watchlist file formats the one import endpoint reads, recognised from the content or
 * named by its `format` parameter.
 */
export const WatchlistImportFormat = z.enum(['csv', 'ofac_sdn', 'opensanctions_ftm', 'opensanctions_simple']);
export type WatchlistImportFormat = z.infer<typeof WatchlistImportFormat>;

/**
 * `append`: upsert by entry id, nothing removed. `replace`: every list the upload names is
 * replaced by the upload's entries (its other entries are removed); other lists stay.
 */
export const WatchlistImportMode = z.enum(['append', 'replace']);
export type WatchlistImportMode = z.infer<typeof WatchlistImportMode>;

export const WatchlistImportQuery = z.object({
  mode: WatchlistImportMode,
  format: WatchlistImportFormat.optional(),
});

/** The most entries one import may hold: the matcher's index of one install stays in memory. */
export const WATCHLIST_IMPORT_MAX_ENTRIES = 200_000;

/** At most this many refused rows are listed one by one; `refused` counts them all. */
export const WATCHLIST_IMPORT_MAX_LISTED_ERRORS = 1000;

/** An upload where more than this share of its rows is refused is not applied (issue 11). */
export const WATCHLIST_IMPORT_MAX_REFUSED_SHARE = 0.1;

/** What reading an upload gave: each file, accepted and refused rows, skipped records. */
export const WatchlistImportReport = z.object({
  format: WatchlistImportFormat,
  /** Each uploaded file, what it was read as and how many of its rows were taken. */
  files: z.array(
    z.object({
      name: z.string(),
      /** e.g. "sdn.csv" (OFAC main file), "alt.csv", "add.csv", "entities", "targets", "csv". */
      part: z.string(),
      rows: z.number().int().min(0),
      refused: z.number().int().min(0),
    }),
  ),
  imported: z.number().int().min(0),
  refused: z.number().int().min(0),
  /** Refused rows with the file, line (1-based; 0 for the file as a whole) and reason. */
  errors: z.array(z.object({ file: z.string().nullable(), line: z.number().int(), message: z.string() })),
  /** Records not screened by design (an OpenSanctions Address, a row of an unlisted entry), by reason. */
  skipped: z.array(z.object({ reason: z.string(), count: z.number().int().min(1) })),
});
export type WatchlistImportReport = z.infer<typeof WatchlistImportReport>;

/** An entry named in a preview (the first few of each kind of change). */
export const WatchlistEntryRef = z.object({ entry_id: z.string(), name: z.string(), list: z.string() });
export type WatchlistEntryRef = z.infer<typeof WatchlistEntryRef>;

/** At most this many entries of each kind of change are named in a preview. */
export const WATCHLIST_PREVIEW_SAMPLES = 20;

/** How the new version would differ from the active one. */
export const WatchlistChanges = z.object({
  added: z.number().int().min(0),
  removed: z.number().int().min(0),
  changed: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  /** Entries of the new version. */
  entry_count: z.number().int().min(0),
  samples: z.object({
    added: z.array(WatchlistEntryRef),
    removed: z.array(WatchlistEntryRef),
    changed: z.array(WatchlistEntryRef),
  }),
});
export type WatchlistChanges = z.infer<typeof WatchlistChanges>;

/** Open and decided (approved, rejected, information requested, escalated) cases. */
export const CaseCounts = z.object({ open: z.number().int().min(0), decided: z.number().int().min(0) });
export type CaseCounts = z.infer<typeof CaseCounts>;

/**
 * A staged import: read and compared, nothing changed until it is confirmed. `affected_cases`
 * counts the cases whose outcome would change: those whose current hits name an entry the
 * import removes or changes, and those that would newly hit an added or changed entry
 * (`newly_hit`, screened against those entries alone; null when the import adds more than
 * the preview screens, and the re-screening after the confirmation finds them).
 */
export const WatchlistImportPreviewDto = WatchlistImportReport.extend({
  import_id: z.string(),
  mode: WatchlistImportMode,
  /** The active version this preview was compared with; confirming after it changed is refused. */
  base_version: z.number().int().min(0),
  /** The lists the upload names (replace: these are replaced whole). */
  lists: z.array(z.string()),
  changes: WatchlistChanges,
  affected_cases: CaseCounts,
  // Defaults: previews staged before these fields existed still parse.
  newly_hit: CaseCounts.nullable().default(null),
  /** The first decided cases whose outcome would change (they would need a re-review). */
  decided_samples: z.array(z.object({ identity_id: z.string(), name: z.string() })).default([]),
  created_by_name: z.string().nullable(),
  created_at: z.string(),
});
export type WatchlistImportPreviewDto = z.infer<typeof WatchlistImportPreviewDto>;

export const PendingWatchlistImportDto = z.object({ pending: WatchlistImportPreviewDto.nullable() });
export type PendingWatchlistImportDto = z.infer<typeof PendingWatchlistImportDto>;

export const WatchlistVersionMode = z.enum(['append', 'replace', 'rollback']);
export type WatchlistVersionMode = z.infer<typeof WatchlistVersionMode>;

export const WatchlistVersionDto = z.object({
  version: z.number().int().min(1),
  mode: WatchlistVersionMode,
  /** A rollback: the version whose entries it restored. */
  rolled_back_to: z.number().int().nullable(),
  entry_count: z.number().int().min(0),
  added: z.number().int().min(0),
  removed: z.number().int().min(0),
  changed: z.number().int().min(0),
  refused: z.number().int().min(0),
  format: WatchlistImportFormat.nullable(),
  files: z.array(z.string()),
  lists: z.array(WatchlistListCount),
  /** The reviewer id, or `system` (the dev demo list, lists from before versions). */
  created_by: z.string(),
  created_by_name: z.string().nullable(),
  created_at: z.string(),
  active: z.boolean(),
  /** Its entries are still kept, so a lead can roll back to it. */
  restorable: z.boolean(),
});
export type WatchlistVersionDto = z.infer<typeof WatchlistVersionDto>;

export const WatchlistVersionsDto = z.object({ items: z.array(WatchlistVersionDto) });
export type WatchlistVersionsDto = z.infer<typeof WatchlistVersionsDto>;

/** A confirmed import or a rollback: the version now active. */
export const WatchlistAppliedDto = z.object({ version: WatchlistVersionDto, summary: WatchlistSummaryDto });
export type WatchlistAppliedDto = z.infer<typeof WatchlistAppliedDto>;

export const WatchlistVersionParam = z.object({ version: z.coerce.number().int().min(1) });
export const WatchlistImportParam = z.object({ importId: z.uuid() });
