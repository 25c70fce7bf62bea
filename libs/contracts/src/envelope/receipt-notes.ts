/**
 * Optional headers on a raw record saying how the delivery differed from the norm, when the ingress
 * stored it anyway (a single-shot provider's verified delivery is never refused for its form). The
 * value is always the body exactly as received.
 */
export const RECEIPT_NOTE_HEADERS = {
  /** The request's Content-Type when it was not JSON (empty when missing). */
  receivedContentType: 'ledgerhook_received_content_type',
  /** `utf-8` when the body starts with a UTF-8 byte order mark (kept in the value). */
  bodyBom: 'ledgerhook_body_bom',
  /** The event name exactly as sent, when ce_type carries a bounded, header-safe stand-in. */
  sentEventName: 'ledgerhook_event_name',
} as const;

export const RECEIPT_NOTE_DOCS: Record<keyof typeof RECEIPT_NOTE_HEADERS, string> = {
  receivedContentType:
    'Present when the request Content-Type was not JSON (empty when missing); the value is still the body as received',
  bodyBom: 'utf-8 when the body starts with a UTF-8 byte order mark; the BOM is kept in the value',
  sentEventName:
    'The event name exactly as sent, present when ce_type carries a bounded stand-in (a name of odd characters or over 100 characters)',
};
