import { type BorrowerState, chronological } from '../scoring/borrower-state';

// What GET /borrowers/:id shows of a borrower's state: what was received and what is still awaited.
// Only references, last 4 digits, ids and times: the state holds nothing more.

const at = (time: string) => new Date(Date.parse(time)).toISOString();

export function borrowerView(state: BorrowerState, latestResultId: string | null) {
  const uploads = chronological(state.uploads).map(([ceId, u]) => ({
    ceId,
    receivedAt: at(u.time),
    ...(u.accountRef ? { accountRef: u.accountRef } : {}),
  }));
  const insights = chronological(state.insights).map(([ceId, i]) => ({
    ceId,
    receivedAt: at(i.time),
    ...(i.insightId !== undefined ? { insightId: i.insightId } : {}),
    outcome: i.outcome.ok ? ('insight' as const) : ('no_score' as const),
    ...(i.outcome.ok ? {} : { reason: i.outcome.reason }),
    accountRefs: i.accountRefs,
    applicationIds: i.appIds,
  }));
  const transactions = chronological(state.transactions).map(([ceId, t]) => ({
    ceId,
    receivedAt: at(t.time),
    ...(t.accountRef ? { accountRef: t.accountRef } : {}),
    transactions: t.summary.transactions,
  }));
  const lastUpload = uploads.at(-1);
  const lastInsight = insights.at(-1);
  // An upload with no insight or failure since is waiting for CreditChek's analysis.
  const awaited =
    lastUpload && (!lastInsight || Date.parse(lastInsight.receivedAt) < Date.parse(lastUpload.receivedAt))
      ? [{ event: 'income_insight', since: lastUpload.receivedAt }]
      : [];
  return {
    borrowerId: state.borrowerId,
    accounts: Object.values(state.accounts)
      .map((a) => ({ accountRef: a.accountRef, last4: a.last4, applicationIds: a.appIds }))
      .sort((a, b) => (a.accountRef < b.accountRef ? -1 : 1)),
    uploads,
    transactions,
    insights,
    awaited,
    latestResultId,
    ...(latestResultId ? { latestResult: `/scores/${latestResultId}` } : {}),
  };
}
