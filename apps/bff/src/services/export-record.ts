/** A listed case as the queue export writes it (one CSV line). */
export type QueueExportRecord = {
  readonly identityId: string;
  readonly displayName: string;
  readonly identityType: string;
  readonly country: string;
  readonly status: string;
  readonly riskLevel: string;
  readonly riskScore: number;
  readonly openHits: number;
  /** The stored JSON list of the top reasons, as text. */
  readonly topReasons: string;
  readonly identityCreatedAt: string;
  readonly updatedAt: string;
};

/** An audit row as the audit export writes it; the snapshots stay the stored JSON text. */
export type AuditExportRecord = {
  readonly auditId: number;
  readonly at: string;
  readonly actor: string;
  readonly actorName: string | null;
  readonly actorCloudUserId: string | null;
  readonly action: string;
  readonly identityId: string | null;
  readonly caseId: string | null;
  readonly reason: string | null;
  readonly beforeState: string | null;
  readonly afterState: string | null;
  readonly requestId: string | null;
};

/** Where the next chunk of an audit export starts: after this row in (at, audit id) order. */
export type AuditCursor = { readonly at: string; readonly auditId: number };
/** A date range and the newest audit id taken when the export began (rows written later are left out). */
export type AuditRange = { readonly from: string; readonly to: string; readonly upTo: number };
