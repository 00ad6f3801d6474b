import {
  WATCHLIST_IMPORT_MAX_LISTED_ERRORS,
  WATCHLIST_IMPORT_MAX_REFUSED_SHARE,
  type WatchlistImportFormat,
  type WatchlistImportReport,
} from '@kyc-review/contracts';
import { AppError } from '../errors';

/** What an import has read so far: the preview and the audit record are built from it. */
export class ImportReport {
  format: WatchlistImportFormat | null = null;
  readonly files: WatchlistImportReport['files'] = [];
  accepted = 0;
  refused = 0;
  readonly errors: WatchlistImportReport['errors'] = [];
  readonly skipped = new Map<string, number>();

  refuse(file: string | null, line: number, message: string): void {
    this.refused++;
    if (this.errors.length < WATCHLIST_IMPORT_MAX_LISTED_ERRORS) this.errors.push({ file, line, message });
  }

  /** More than 10% of the rows were refused: the upload is not applied (issue 11). */
  tooManyRefused(): boolean {
    return this.refused > (this.accepted + this.refused) * WATCHLIST_IMPORT_MAX_REFUSED_SHARE;
  }

  result(): WatchlistImportReport {
    return {
      format: this.format ?? 'csv',
      files: this.files,
      imported: this.accepted,
      refused: this.refused,
      errors: this.errors,
      skipped: [...this.skipped].map(([reason, count]) => ({ reason, count })),
    };
  }
}

/** At most this many refused rows are listed in the refusal's details. */
const LISTED_IN_REFUSAL = 100;

/**
 * An upload with more than 10% of its rows refused: nothing is staged or applied. Details
 * carry the report (the first refused rows with file and line) so the operator can fix the file.
 */
export class TooManyRefusedRowsError extends AppError {
  constructor(report: ImportReport) {
    const rows = report.accepted + report.refused;
    const share = Math.round((report.refused / rows) * 1000) / 10;
    const result = report.result();
    super(
      'too_many_refused_rows',
      422,
      `${String(report.refused)} of ${String(rows)} rows (${String(share)}%) were refused, more than the ${String(WATCHLIST_IMPORT_MAX_REFUSED_SHARE * 100)}% an import may refuse: nothing was imported. Fix the rows listed and import the file again.`,
      {
        ...result,
        errors: result.errors.slice(0, LISTED_IN_REFUSAL),
        max_refused_share: WATCHLIST_IMPORT_MAX_REFUSED_SHARE,
      },
    );
  }
}
