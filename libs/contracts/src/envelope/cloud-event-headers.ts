import { ContractViolationError } from '../shared/contract-violation-error';
import { UUID_PATTERN, uuidv7 } from './uuidv7';
import { EVENT_NAME_PATTERN } from '../shared/event-name';
import { isValidTraceparent, newTraceparent } from './trace-context';

// CloudEvents 1.0, Kafka protocol binding, binary mode: the record value is the webhook body exactly
// as received (what the provider signed) and the event attributes travel as headers. Every producer
// and consumer goes through the two functions below, so header names and rules live only here.

export interface CloudEventAttributes {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: string;
  dedupkey: string;
  traceparent: string;
}

/** Attribute -> Kafka header name (CloudEvents Kafka binding: `ce_` prefix, datacontenttype is `content-type`). */
export const CLOUD_EVENT_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  datacontenttype: 'content-type',
  dedupkey: 'ce_dedupkey',
  traceparent: 'ce_traceparent',
} as const satisfies Record<keyof CloudEventAttributes, string>;

export type KafkaHeaderValue = Buffer | string | (Buffer | string)[] | undefined;
export type KafkaHeaders = Record<string, KafkaHeaderValue>;

/** A record's CloudEvents headers are missing or malformed; `header` names the Kafka header. */
export class CloudEventHeaderError extends ContractViolationError {
  constructor(
    readonly header: string,
    problem: string,
  ) {
    super([{ path: header, message: problem }], 'invalid CloudEvents headers');
    this.name = 'CloudEventHeaderError';
  }
}

const SOURCE_NAME = /^[a-z0-9-]{1,40}$/;

const EVENT_NAME = EVENT_NAME_PATTERN;
const TYPE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,140}$/;
const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
// Printable ASCII without spaces: keys, subjects and dedup keys are identifiers, not prose.
const TOKEN = /^[\x21-\x7e]{1,512}$/;
const CONTENT_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;.*)?$/;

export interface BuildCloudEventHeadersInput {
  /** Provider or generic source name, [a-z0-9-]{1,40}. */
  source: string;
  /** The provider's event name as sent. */
  eventName: string;
  subject: string;
  dedupKey: string;
  receivedAt: Date;
  contentType?: string;
  /** Incoming W3C traceparent; a missing or malformed one is replaced by a fresh root context. */
  traceparent?: string;
  /** Defaults to a new UUIDv7. */
  id?: string;
  /**
   * Set when the platform obtained the event itself rather than receiving it (e.g. `reconciler`: an
   * insight fetched from the provider's API): ce_source becomes `/providers/<source>/<origin>`.
   * Consumers still read it as the source's event (sourceNameOf); only ce_source tells them apart.
   */
  origin?: string;
}

function fail(header: string, problem: string): never {
  throw new CloudEventHeaderError(header, problem);
}

function isValidId(id: string): boolean {
  return UUID_PATTERN.test(id) || ULID_PATTERN.test(id);
}

function isValidTime(value: string): boolean {
  return RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

/** The headers of one raw event record. Throws CloudEventHeaderError when an input cannot be encoded. */
export function buildCloudEventHeaders(input: BuildCloudEventHeadersInput): Record<string, string> {
  const H = CLOUD_EVENT_HEADERS;
  if (!SOURCE_NAME.test(input.source))
    fail(H.source, `source must match [a-z0-9-]{1,40}, got ${JSON.stringify(input.source)}`);
  if (input.origin !== undefined && !SOURCE_NAME.test(input.origin))
    fail(H.source, `origin must match [a-z0-9-]{1,40}, got ${JSON.stringify(input.origin)}`);
  if (!EVENT_NAME.test(input.eventName))
    fail(H.type, `event name must be a dotted token, got ${JSON.stringify(input.eventName)}`);
  if (!TOKEN.test(input.subject))
    fail(H.subject, 'subject must be 1-512 printable ASCII characters without spaces');
  if (!TOKEN.test(input.dedupKey))
    fail(H.dedupkey, 'dedup key must be 1-512 printable ASCII characters without spaces');
  if (!(input.receivedAt instanceof Date) || Number.isNaN(input.receivedAt.getTime()))
    fail(H.time, 'receivedAt is not a valid Date');
  const id = input.id ?? uuidv7(input.receivedAt.getTime());
  if (!isValidId(id)) fail(H.id, `id must be a UUID or ULID, got ${JSON.stringify(id)}`);
  const contentType = input.contentType ?? 'application/json';
  if (!CONTENT_TYPE.test(contentType))
    fail(H.datacontenttype, `malformed content type ${JSON.stringify(contentType)}`);
  // W3C: a vendor that cannot parse an incoming traceparent must start a new trace, not reject.
  const traceparent =
    input.traceparent && isValidTraceparent(input.traceparent) ? input.traceparent : newTraceparent();

  return {
    [H.specversion]: '1.0',
    [H.id]: id,
    [H.source]: `/providers/${input.source}${input.origin === undefined ? '' : `/${input.origin}`}`,
    [H.type]: `${input.source}.${input.eventName}`,
    [H.time]: input.receivedAt.toISOString(),
    [H.subject]: input.subject,
    [H.datacontenttype]: contentType,
    [H.dedupkey]: input.dedupKey,
    [H.traceparent]: traceparent,
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function headerText(headers: KafkaHeaders, name: string): string {
  const raw = headers[name];
  if (raw === undefined) fail(name, 'missing');
  const values = (Array.isArray(raw) ? raw : [raw]).map((value) => {
    if (typeof value === 'string') return value;
    if (Buffer.isBuffer(value)) {
      try {
        return utf8.decode(value);
      } catch {
        return fail(name, 'not valid UTF-8');
      }
    }
    return fail(name, 'not a string or Buffer');
  });
  if (values.length === 0) fail(name, 'missing');
  // kafkajs gives an array when a header is repeated: harmless if identical, ambiguous otherwise.
  if (values.some((value) => value !== values[0])) fail(name, 'repeated with different values');
  const value = values[0];
  if (value.length === 0) fail(name, 'empty');
  return value;
}

/** Reads and validates the CloudEvents headers of a record. Throws CloudEventHeaderError naming the header. */
export function parseCloudEventHeaders(headers: KafkaHeaders | undefined): CloudEventAttributes {
  const H = CLOUD_EVENT_HEADERS;
  if (!headers) fail(H.specversion, 'missing (record has no headers)');
  const specversion = headerText(headers, H.specversion);
  if (specversion !== '1.0')
    fail(H.specversion, `unsupported version ${JSON.stringify(specversion)}, expected "1.0"`);
  const id = headerText(headers, H.id);
  if (!isValidId(id)) fail(H.id, `must be a UUID or ULID, got ${JSON.stringify(id)}`);
  const source = headerText(headers, H.source);
  if (!TOKEN.test(source)) fail(H.source, 'must be a URI reference without spaces');
  const type = headerText(headers, H.type);
  if (!TYPE.test(type)) fail(H.type, `malformed type ${JSON.stringify(type)}`);
  const time = headerText(headers, H.time);
  if (!isValidTime(time)) fail(H.time, `not an RFC 3339 timestamp: ${JSON.stringify(time)}`);
  const subject = headerText(headers, H.subject);
  if (!TOKEN.test(subject)) fail(H.subject, 'must be 1-512 printable ASCII characters without spaces');
  const datacontenttype = headerText(headers, H.datacontenttype);
  if (!CONTENT_TYPE.test(datacontenttype))
    fail(H.datacontenttype, `malformed content type ${JSON.stringify(datacontenttype)}`);
  const dedupkey = headerText(headers, H.dedupkey);
  if (!TOKEN.test(dedupkey)) fail(H.dedupkey, 'must be 1-512 printable ASCII characters without spaces');
  const traceparent = headerText(headers, H.traceparent);
  if (!isValidTraceparent(traceparent))
    fail(H.traceparent, `not a W3C traceparent: ${JSON.stringify(traceparent)}`);
  return { specversion: '1.0', id, source, type, time, subject, datacontenttype, dedupkey, traceparent };
}

const PROVIDER_SOURCE = /^\/providers\/([a-z0-9-]{1,40})(?:\/([a-z0-9-]{1,40}))?$/;

/**
 * `credfin` from `/providers/credfin`, `creditchek` from `/providers/creditchek/reconciler` (an event
 * the platform fetched itself, see `origin`), or undefined for another source form.
 */
export function sourceNameOf(attributes: Pick<CloudEventAttributes, 'source'>): string | undefined {
  return PROVIDER_SOURCE.exec(attributes.source)?.[1];
}

/** `reconciler` from `/providers/creditchek/reconciler`; undefined for an event as received. */
export function sourceOriginOf(attributes: Pick<CloudEventAttributes, 'source'>): string | undefined {
  return PROVIDER_SOURCE.exec(attributes.source)?.[2];
}

/** The provider's event name: ce_type without the `<source>.` prefix. */
export function eventNameOf(attributes: Pick<CloudEventAttributes, 'source' | 'type'>): string {
  const source = sourceNameOf(attributes);
  return source && attributes.type.startsWith(`${source}.`)
    ? attributes.type.slice(source.length + 1)
    : attributes.type;
}
