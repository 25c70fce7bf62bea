import { z } from 'zod';
import { ContractViolationError } from '../shared/contract-violation-error';
import type { EventContract, UnknownProviderEvent } from '../shared/event-contract';
import { parseWith } from '../shared/parse-with';
import { isRecord } from '../shared/safe-id';
import { credfinAccountListPayloadSchema } from './account-list.schema';
import { credfinAccountOwnerMessageSchema } from './account-owner.schema';
import { credfinAnalysisPayloadSchema } from './analysis-payload.schema';
import {
  credfinApplicationPayloadSchema,
  credfinCrawlerEventPayloadSchema,
} from './application-payload.schema';

// Credfin envelope: { "event": "<name>", "payload": { ... } }. One schema per event; events of the
// same level share a payload schema.

function envelope<N extends string, P extends z.ZodType>(name: N, payload: P, description: string) {
  return z.looseObject({ event: z.literal(name), payload }).meta({ title: `credfin ${name}`, description });
}

const app = credfinApplicationPayloadSchema;
const analysis = credfinAnalysisPayloadSchema;

export const credfinEventSchemas = {
  'crawler.seed_created': envelope(
    'crawler.seed_created',
    credfinCrawlerEventPayloadSchema,
    'The crawlers logged in; the customer need not do anything more. The payload may carry the seed needed for a refresh: a secret, treat the raw topic accordingly.',
  ),
  'crawler.lifecycle_updated': envelope(
    'crawler.lifecycle_updated',
    credfinCrawlerEventPayloadSchema,
    'The crawler moved along its lifecycle (crawler[].status: open set). The payload is the application, or one crawler ({ uuid, application, status }).',
  ),
  'account.numbers_ready': envelope(
    'account.numbers_ready',
    credfinAccountListPayloadSchema,
    'BSB and account numbers of every account being processed (after RELEASED).',
  ),
  // Seed 000 names it so once ("Fires after application.account.numbers_ready"): an alias.
  'application.account.numbers_ready': envelope(
    'application.account.numbers_ready',
    credfinAccountListPayloadSchema,
    "Seed 000's spelling of account.numbers_ready, projected alike.",
  ),
  'account.balances_ready': envelope(
    'account.balances_ready',
    credfinAccountListPayloadSchema,
    'Balances of every account (dollar strings).',
  ),
  'account.account_owner': envelope(
    'account.account_owner',
    credfinAccountOwnerMessageSchema,
    "The account owner's details for one account (success or failed form).",
  ),
  'analysis.report_ready': envelope(
    'analysis.report_ready',
    analysis,
    'One account finished analysis: its report JSON and eStatements can be collected.',
  ),
  'analysis.pdf_ready': envelope('analysis.pdf_ready', analysis, "One account's analysis PDF is ready."),
  'analysis.html_ready': envelope('analysis.html_ready', analysis, "One account's analysis HTML is ready."),
  'application.report_ready': envelope(
    'application.report_ready',
    app,
    'Analysis bundle and metrics of the whole application are ready (before PDFs/HTML are cached).',
  ),
  'summary.report_ready': envelope('summary.report_ready', app, 'The summary (metrics) report is ready.'),
  'summary.pdf_ready': envelope('summary.pdf_ready', app, 'The summary PDF (all metrics) is ready.'),
  'summary.html_ready': envelope('summary.html_ready', app, 'The summary HTML (all metrics) is ready.'),
  'application.bundle_ready': envelope(
    'application.bundle_ready',
    app,
    'All accounts analysed and PDFs/HTML cached: fetch GET /api/application/{id}/bundle.',
  ),
} as const;

type CredfinSchemas = typeof credfinEventSchemas;
export type CredfinEventName = keyof CredfinSchemas;
export const CREDFIN_EVENT_NAMES = Object.keys(credfinEventSchemas) as CredfinEventName[];

/** Events whose payload `id` is an account-analysis id rather than the application id. */
export const CREDFIN_ANALYSIS_EVENTS: readonly CredfinEventName[] = [
  'analysis.report_ready',
  'analysis.pdf_ready',
  'analysis.html_ready',
];

export function isCredfinEventName(name: string): name is CredfinEventName {
  return Object.hasOwn(credfinEventSchemas, name);
}

export type CredfinKnownEvent = {
  [K in CredfinEventName]: {
    provider: 'credfin';
    known: true;
    eventName: K;
    payload: z.output<CredfinSchemas[K]>['payload'];
  };
}[CredfinEventName];

export type CredfinEvent = CredfinKnownEvent | UnknownProviderEvent<'credfin'>;

/** The bare account-owner message (no `event` field), as in seed 000. */
export function isBareCredfinAccountOwnerMessage(body: Record<string, unknown>): boolean {
  return body.event === undefined && body.messageType === 'account_owner_info';
}

/**
 * Typed Credfin event. Unknown event names give `{ known: false }`; a known event whose required
 * fields are invalid throws ContractViolationError naming the field paths.
 */
export function parseCredfinEvent(body: unknown): CredfinEvent {
  if (!isRecord(body))
    throw new ContractViolationError([{ path: '', message: 'expected a JSON object' }], 'credfin');
  if (isBareCredfinAccountOwnerMessage(body)) {
    const payload = parseWith(credfinAccountOwnerMessageSchema, body, 'credfin account.account_owner');
    return { provider: 'credfin', known: true, eventName: 'account.account_owner', payload };
  }
  const eventName = body.event;
  if (typeof eventName !== 'string') {
    throw new ContractViolationError([{ path: 'event', message: 'expected string' }], 'credfin');
  }
  if (!isCredfinEventName(eventName)) return { provider: 'credfin', known: false, eventName, body };
  const parsed = parseWith(credfinEventSchemas[eventName], body, `credfin ${eventName}`) as {
    payload: unknown;
  };
  return { provider: 'credfin', known: true, eventName, payload: parsed.payload } as CredfinKnownEvent;
}

const APPLICATION_KEY = 'vsid:<payload.vendor_specific_id> when present, else app:<payload.id>';

function contractFor(name: CredfinEventName): EventContract {
  const schema = credfinEventSchemas[name];
  const base = { provider: 'credfin' as const, eventName: name, summary: schema.meta()?.description ?? name };
  if (name === 'account.account_owner') {
    return {
      ...base,
      // The docs describe both accepted forms: enveloped and bare.
      schema: z
        .union([schema, credfinAccountOwnerMessageSchema])
        .meta({ title: 'credfin account.account_owner', description: base.summary }),
      key: 'acct:<first 32 hex of HMAC-SHA256(ACCOUNT_REF_KEY, "<bsb>:<number>")> (no application id in the message; join by BSB + number)',
      subject: 'acct:<same reference>',
    };
  }
  if ((CREDFIN_ANALYSIS_EVENTS as readonly string[]).includes(name)) {
    return {
      ...base,
      schema,
      key: 'vsid:<payload.vendor_specific_id> when present, else analysis:<payload.id>',
      subject: 'analysis:<payload.id> (account analysis id)',
    };
  }
  if (
    name === 'account.numbers_ready' ||
    name === 'application.account.numbers_ready' ||
    name === 'account.balances_ready'
  ) {
    return {
      ...base,
      schema,
      key: `${APPLICATION_KEY}; a bare account list: the smallest acct:<ref> of its accounts`,
      subject: 'app:<payload.id>, or the key for a bare account list',
    };
  }
  return { ...base, schema, key: APPLICATION_KEY, subject: 'app:<payload.id>' };
}

export const CREDFIN_EVENT_CONTRACTS: readonly EventContract[] = CREDFIN_EVENT_NAMES.map(contractFor);
