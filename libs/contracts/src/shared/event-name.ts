import { sha256Hex } from './hashing';

/** A provider event name that can travel in ce_type: a dotted token (`item.account.updated`, `ITEM_CREATED`). */
export const EVENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * The event name as sent when it is a plain token; otherwise (an unknown event with spaces, odd
 * characters or absurd length) a stable stand-in, so that an unknown event never breaks the envelope.
 */
export function safeEventName(name: string): string {
  if (EVENT_NAME_PATTERN.test(name)) return name;
  const cleaned = name
    .replace(/[^A-Za-z0-9._:-]/g, '_')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 60);
  return `${cleaned || 'unnamed'}-${sha256Hex(name, 12)}`;
}
