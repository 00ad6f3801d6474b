// A request for information as the services own it (migration 0018, decision 021).
export type InfoRequestRecord = {
  readonly requestId: string;
  /** The request_info decision that asked. */
  readonly decisionId: string;
  readonly text: string;
  readonly items: readonly string[];
  readonly askedBy: string;
  readonly askedByName: string | null;
  readonly askedAt: string;
  /** null while the customer has not answered. */
  readonly received: {
    readonly at: string;
    readonly by: string;
    readonly byName: string | null;
    readonly answer: string;
  } | null;
};
