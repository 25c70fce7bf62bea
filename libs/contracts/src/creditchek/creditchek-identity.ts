import type { IdentityCore } from '../shared/event-identity';
import { idValue, isRecord, safeIdPart } from '../shared/safe-id';
import { isCreditChekEventName } from './creditchek-event';

// All events of one borrower share the key `borrower:<borrowerId>`. In the flat income_insight the
// top-level data.borrowerId is used (seed 001's linked accounts carry other borrower ids; the insight
// belongs to data.borrowerId). Fallbacks, for bodies without a borrower: appId, then the insight id.
export function creditchekIdentity(body: Record<string, unknown>): IdentityCore | { error: string } {
  const eventName = body.event;
  if (typeof eventName !== 'string' || eventName === '')
    return { error: 'creditchek body has no string "event" field' };
  const known = isCreditChekEventName(eventName);
  const data = body.data;
  if (!isRecord(data)) return { eventName, known };
  const record = isRecord(data.record) ? data.record : data;
  const borrowerId = idValue(record.borrowerId) ?? idValue(data.borrowerId);
  const appId = idValue(record.appId) ?? idValue(data.appId);
  const insightId = idValue(data.id) ?? idValue(record._id);
  const key =
    borrowerId !== undefined
      ? `borrower:${safeIdPart(borrowerId)}`
      : appId !== undefined
        ? `app:${safeIdPart(appId)}`
        : insightId !== undefined
          ? `insight:${safeIdPart(insightId)}`
          : undefined;
  return { eventName, known, subject: key, partitionKey: key };
}
