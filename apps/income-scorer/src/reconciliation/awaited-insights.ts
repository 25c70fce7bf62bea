/** A borrower whose statement was uploaded (`pdf_upload`) and who has had no insight or failure since. */
export interface AwaitedInsight {
  borrowerId: string;
  appId?: string;
  /** When the latest `pdf_upload` was received (its ce_time). */
  uploadedAt: Date;
}

/**
 * The port the reconciler asks what is missing; implemented on the scorer's per-borrower state.
 * Oldest uploads first, so that a backlog is worked through in order.
 */
export interface AwaitedInsights {
  /** Borrowers whose latest upload was received before `olderThan` with no insight or failure since. */
  findAwaited(olderThan: Date, limit: number): Promise<AwaitedInsight[]>;
}

/** Injection token of the AwaitedInsights implementation. */
export const AWAITED_INSIGHTS = Symbol('AWAITED_INSIGHTS');
