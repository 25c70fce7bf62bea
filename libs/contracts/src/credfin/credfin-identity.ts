import type { AccountRefs } from '../shared/account-ref';
import type { IdentityCore } from '../shared/event-identity';
import { idValue, isRecord, safeIdPart } from '../shared/safe-id';
import { isBareCredfinAccountOwnerMessage, isCredfinEventName } from './credfin-event';

// Partition key and subject of a Credfin event (README "Partition keys"). Read defensively: the body
// is not validated here (the ingress publishes whatever verified body it got), so nothing may throw.

function refOf(refs: AccountRefs, account: unknown): string | undefined {
  if (!isRecord(account)) return undefined;
  const bsb = account.bsb;
  const number = account.number;
  return typeof bsb === 'string' && typeof number === 'string' && bsb && number
    ? refs.of(bsb, number)
    : undefined;
}

export function credfinIdentity(
  body: Record<string, unknown>,
  refs: AccountRefs,
): IdentityCore | { error: string } {
  const bare = isBareCredfinAccountOwnerMessage(body);
  const eventName = bare ? 'account.account_owner' : body.event;
  if (typeof eventName !== 'string' || eventName === '') {
    return { error: 'credfin body has no string "event" field (and is not an account-owner message)' };
  }
  const known = isCredfinEventName(eventName);
  const payload = bare ? body : body.payload;

  // Account-owner message: no application id. Keyed by the account reference; consumers join it to
  // the application by the BSB + account number in the body.
  if (isRecord(payload) && payload.messageType === 'account_owner_info') {
    const ref = refOf(refs, payload.accountOwnerInfo);
    return { eventName, known, subject: ref, partitionKey: ref };
  }
  // A bare account list (seed form of numbers_ready / balances_ready): no application id either.
  if (Array.isArray(payload)) {
    const listed = payload
      .map((account) => refOf(refs, account))
      .filter((ref): ref is string => ref !== undefined)
      .sort();
    return { eventName, known, subject: listed[0], partitionKey: listed[0] };
  }
  if (!isRecord(payload)) return { eventName, known };

  const vendorSpecificId = idValue(payload.vendor_specific_id);
  // A crawler-shaped crawler.* payload names its application in `application`.
  const id =
    idValue(payload.id) ?? (eventName.startsWith('crawler.') ? idValue(payload.application) : undefined);
  // analysis.* events carry an account-analysis id in `id`, not the application id (seed 000).
  const idKind = eventName.startsWith('analysis.') ? 'analysis' : 'app';
  const subject = id !== undefined ? `${idKind}:${safeIdPart(id)}` : undefined;
  const partitionKey = vendorSpecificId !== undefined ? `vsid:${safeIdPart(vendorSpecificId)}` : subject;
  return { eventName, known, subject: subject ?? partitionKey, partitionKey };
}
