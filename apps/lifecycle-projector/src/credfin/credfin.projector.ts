import {
  accountDigits,
  type AccountRefs,
  applicationOf,
  type CredfinAccount as CredfinAccountPayload,
  type CredfinAccountListPayload,
  type CredfinApplicationPayload,
  type CredfinEvent,
  moneyToMajorString,
  type ApplicationStatus,
} from '@ledgerhook/contracts';
import type { InboundEvent } from '@ledgerhook/consumer';
import type { EntityManager } from 'typeorm';
import { type EventContext, eventContext, factKey } from '../events/event-context';
import { canonicalTime } from '../events/event-time';
import { RowFold, upsertRows } from '../merge/merge-upsert';
import type { RowOf } from '../merge/table-spec';
import type { TimelineEntry } from '../timeline/timeline-entry.entity';
import type { CredfinAccount } from './credfin-account.entity';
import type { CredfinApplication } from './credfin-application.entity';
import { crawlerSeedAad } from '../seeds/crawler-seed-aad';
import type { SeedCipher } from '../seeds/seed-cipher';
import { statusAtRank, statusRank } from './application-status';
import {
  CRAWLER_SEED_TABLE,
  CREDFIN_ACCOUNT_OWNER_TABLE,
  CREDFIN_ACCOUNT_TABLE,
  CREDFIN_ANALYSIS_TABLE,
  CREDFIN_APPLICATION_ACCOUNT_TABLE,
  CREDFIN_APPLICATION_TABLE,
  CREDFIN_CRAWLER_STATUS_CHANGE_TABLE,
  CREDFIN_CRAWLER_TABLE,
} from './credfin.tables';

/** Which applications a batch may have changed: by id, by vendor_specific_id, through an account. */
export interface TouchedApplications {
  ids: Set<string>;
  vendorSpecificIds: Set<string>;
  accountRefs: Set<string>;
  /** Analyses, reached through the account reports that say which application they are. */
  analysisIds: Set<string>;
}

type KnownCredfin = Extract<CredfinEvent, { known: true }>;
type AccountListEvent =
  'account.numbers_ready' | 'application.account.numbers_ready' | 'account.balances_ready';

const ACCOUNT_LIST_EVENTS: ReadonlySet<string> = new Set<AccountListEvent>([
  'account.numbers_ready',
  'application.account.numbers_ready',
  'account.balances_ready',
]);

// Events whose payload is an application: what each proves about the application's progress, and
// which application-level artifact it makes ready.
const APPLICATION_EVENTS: Partial<
  Record<KnownCredfin['eventName'], { status: ApplicationStatus; artifact?: keyof RowOf<CredfinApplication> }>
> = {
  'crawler.seed_created': { status: 'released' },
  'crawler.lifecycle_updated': { status: 'started' },
  'application.report_ready': { status: 'report_ready', artifact: 'application_report_ready_at' },
  'summary.report_ready': { status: 'report_ready', artifact: 'summary_report_ready_at' },
  'summary.pdf_ready': { status: 'report_ready', artifact: 'summary_pdf_ready_at' },
  'summary.html_ready': { status: 'report_ready', artifact: 'summary_html_ready_at' },
  'application.bundle_ready': { status: 'bundle_ready', artifact: 'bundle_ready_at' },
};

const ANALYSIS_ARTIFACT: Partial<Record<KnownCredfin['eventName'], string>> = {
  'analysis.report_ready': 'report_ready_at',
  'analysis.pdf_ready': 'pdf_ready_at',
  'analysis.html_ready': 'html_ready_at',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textId(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function accountsOf(payload: CredfinAccountListPayload): CredfinAccountPayload[] {
  return Array.isArray(payload) ? payload : payload.accounts;
}

/** The payload's own timestamp when it has one (loose objects keep undocumented fields). */
function payloadTime(payload: unknown, field: string): string | undefined {
  return isRecord(payload) && typeof payload[field] === 'string' ? (payload[field] as string) : undefined;
}

/** The lock an analysis event and the account report naming that analysis both take. */
export const analysisLock = (analysisId: string) => `credfin:analysis:${analysisId}`;

/** Folds a batch of Credfin events into per-row patches, then writes each table in one statement. */
export class CredfinProjector {
  private readonly applications = new RowFold(CREDFIN_APPLICATION_TABLE);
  private readonly crawlers = new RowFold(CREDFIN_CRAWLER_TABLE);
  private readonly statusChanges = new RowFold(CREDFIN_CRAWLER_STATUS_CHANGE_TABLE);
  private readonly accounts = new RowFold(CREDFIN_ACCOUNT_TABLE);
  private readonly links = new RowFold(CREDFIN_APPLICATION_ACCOUNT_TABLE);
  private readonly owners = new RowFold(CREDFIN_ACCOUNT_OWNER_TABLE);
  private readonly analyses = new RowFold(CREDFIN_ANALYSIS_TABLE);
  private readonly seeds = new RowFold(CRAWLER_SEED_TABLE);
  readonly touched: TouchedApplications = {
    ids: new Set(),
    vendorSpecificIds: new Set(),
    accountRefs: new Set(),
    analysisIds: new Set(),
  };

  constructor(
    private readonly cipher: SeedCipher,
    private readonly refs: AccountRefs,
  ) {}

  /** The timeline row of an event: only what the event itself names, never resolved. */
  static timelineRow(event: InboundEvent, refs: AccountRefs): RowOf<TimelineEntry> {
    const parsed = event.event as CredfinEvent;
    const payload = parsed.known ? parsed.payload : isRecord(parsed.body) ? parsed.body.payload : undefined;
    const row: RowOf<TimelineEntry> = {};
    if (parsed.known && parsed.eventName === 'account.account_owner') {
      const info = parsed.payload.accountOwnerInfo;
      row.account_refs = [refs.of(info.bsb, info.number)];
      return { ...row, provider_time: null };
    }
    if (parsed.known && ACCOUNT_LIST_EVENTS.has(parsed.eventName)) {
      const list = parsed.payload as CredfinAccountListPayload;
      row.account_refs = [...new Set(accountsOf(list).map((a) => refs.of(a.bsb, a.number)))].sort();
      if (!Array.isArray(list)) {
        row.application_id = String(list.id);
        row.vendor_specific_id = list.vendor_specific_id ?? null;
      }
      return { ...row, provider_time: canonicalTime(payloadTime(list, 'timestamp')) ?? null };
    }
    if (parsed.known && parsed.eventName in ANALYSIS_ARTIFACT) {
      const analysis = parsed.payload as { id: number; time?: string; vendor_specific_id?: string | null };
      return {
        analysis_id: String(analysis.id),
        vendor_specific_id: analysis.vendor_specific_id ?? null,
        provider_time: canonicalTime(analysis.time) ?? null,
      };
    }
    // Application payloads (crawler-shaped ones name it in `application`), and unknown events that
    // still name an application (kept in its history).
    if (
      parsed.known &&
      (parsed.eventName === 'crawler.seed_created' || parsed.eventName === 'crawler.lifecycle_updated')
    ) {
      const application = applicationOf(parsed.payload);
      return {
        application_id: String(application.id),
        vendor_specific_id: application.vendor_specific_id ?? null,
        provider_time: canonicalTime(application.timestamp ?? application.crawler?.[0]?.timestamp) ?? null,
      };
    }
    if (!isRecord(payload)) return { provider_time: null };
    return {
      application_id: textId(payload.id) ?? null,
      vendor_specific_id: textId(payload.vendor_specific_id) ?? null,
      provider_time: canonicalTime(payloadTime(payload, 'timestamp')) ?? null,
    };
  }

  add(event: InboundEvent): void {
    const parsed = event.event as CredfinEvent;
    if (!parsed.known) {
      // Nothing to project, but an unknown event naming an application still counts in its version.
      const link = CredfinProjector.timelineRow(event, this.refs);
      if (typeof link.application_id === 'string') {
        const vsid = typeof link.vendor_specific_id === 'string' ? link.vendor_specific_id : null;
        this.applications.add(this.applicationRow(link.application_id, vsid, eventContext(event), 'started'));
      }
      return;
    }
    switch (parsed.eventName) {
      case 'account.account_owner':
        return this.addOwner(event, parsed.payload);
      case 'account.numbers_ready':
      case 'application.account.numbers_ready':
      case 'account.balances_ready':
        return this.addAccounts(event, parsed.eventName, parsed.payload);
      case 'analysis.report_ready':
      case 'analysis.pdf_ready':
      case 'analysis.html_ready':
        return this.addAnalysis(event, parsed.eventName, parsed.payload);
      case 'crawler.seed_created':
      case 'crawler.lifecycle_updated':
        return this.addApplication(event, parsed.eventName, applicationOf(parsed.payload));
      default:
        return this.addApplication(event, parsed.eventName, parsed.payload);
    }
  }

  private applicationRow(
    id: string,
    vsid: string | null | undefined,
    context: EventContext,
    rank: ApplicationStatus,
  ): RowOf<CredfinApplication> {
    if (vsid) this.touched.vendorSpecificIds.add(vsid);
    this.touched.ids.add(id);
    const r = statusRank(rank);
    return {
      id,
      vendor_specific_id: vsid ?? null,
      progress_rank: r,
      own_event_count: 1,
      own_first_event_at: context.receivedAt,
      own_last_event_at: context.receivedAt,
      status_rank: r,
      status: statusAtRank(r),
      version: 0,
      created_at: context.receivedAt,
      updated_at: context.receivedAt,
    };
  }

  private addApplication(
    event: InboundEvent,
    name: KnownCredfin['eventName'],
    payload: CredfinApplicationPayload,
  ): void {
    const context = eventContext(event, payload.timestamp);
    const id = String(payload.id);
    const meaning = APPLICATION_EVENTS[name] ?? { status: 'started' as const };
    const row = this.applicationRow(id, payload.vendor_specific_id, context, meaning.status);
    if (payload.analysed === true)
      row.progress_rank = Math.max(row.progress_rank as number, statusRank('analysed'));
    for (const field of ['full_name', 'email', 'mobile'] as const) {
      const value = payload[field];
      if (typeof value === 'string' && value !== '') {
        row[field] = value;
        row[`${field}_key`] = context.key;
      }
    }
    // When the event happened: its receipt. payload.timestamp is the application's, the same on every
    // one of its events (seed 000), so it says nothing about when this artifact became ready.
    if (meaning.artifact) row[meaning.artifact] = context.receivedAt;
    this.applications.add(row);

    for (const crawler of payload.crawler ?? []) {
      const at = canonicalTime(crawler.timestamp) ?? context.asOf;
      const key = factKey(context, at);
      this.crawlers.add({
        uuid: crawler.uuid,
        application_id: id,
        bank_id: crawler.bank_id ?? null,
        status: crawler.status,
        status_at: at,
        status_key: key,
        first_seen_at: context.receivedAt,
      });
      this.statusChanges.add({
        crawler_uuid: crawler.uuid,
        status: crawler.status,
        status_at: at,
        application_id: id,
        first_ce_id: context.ceId,
        first_received_at: context.receivedAt,
      });
      // What the crawlers together say about the application (a crawler that failed while another
      // got through was abandoned) is derived from all of them by the finalizer.
      this.applications.add({
        id,
        crawler_status: crawler.status,
        crawler_status_at: at,
        crawler_status_key: key,
      });
    }

    if (name === 'crawler.seed_created') this.addSeed(event, context, id, payload);
  }

  private addSeed(
    event: InboundEvent,
    context: EventContext,
    applicationId: string,
    payload: CredfinApplicationPayload,
  ): void {
    const body = event.record.value;
    if (!body) return;
    // The whole raw body is sealed: the seed's place in the payload is undocumented.
    const sealed = this.cipher.encrypt(body, crawlerSeedAad(applicationId, context.ceId), context.ceId);
    this.seeds.add({
      ce_id: context.ceId,
      application_id: applicationId,
      vendor_specific_id: payload.vendor_specific_id ?? null,
      crawler_uuids: (payload.crawler ?? []).map((crawler) => crawler.uuid).sort(),
      key_id: sealed.keyId,
      iv: sealed.iv,
      auth_tag: sealed.authTag,
      ciphertext: sealed.ciphertext,
      provider_time: context.providerTime ?? null,
      received_at: context.receivedAt,
    });
  }

  private addAccounts(event: InboundEvent, name: AccountListEvent, payload: CredfinAccountListPayload): void {
    const context = eventContext(event, payloadTime(payload, 'timestamp'));
    const applicationId = Array.isArray(payload) ? undefined : String(payload.id);
    if (!Array.isArray(payload) && applicationId !== undefined) {
      const status = name === 'account.balances_ready' ? 'balances_known' : 'accounts_known';
      this.applications.add(this.applicationRow(applicationId, payload.vendor_specific_id, context, status));
    }
    for (const account of accountsOf(payload)) {
      const ref = this.refs.of(account.bsb, account.number);
      this.touched.accountRefs.add(ref);
      const row: RowOf<CredfinAccount> = {
        account_ref: ref,
        bsb: accountDigits(account.bsb),
        number: accountDigits(account.number),
        numbers_known_at: context.asOf,
        first_seen_at: context.receivedAt,
        // Only a bare list counts here: an object-form list already counts for its application.
        list_event_count: applicationId === undefined ? 1 : 0,
        list_first_at: applicationId === undefined ? context.receivedAt : null,
        list_last_at: applicationId === undefined ? context.receivedAt : null,
      };
      // An absent amount is no fact: each amount is written, with its own order key, only when the
      // event carries it, so a balances_ready without balances never nulls a known balance.
      const { available, balance } = account;
      if (balance) {
        row.balance = moneyToMajorString(balance);
        row.currency = balance.currency;
        row.balances_as_of = context.asOf;
        row.balances_key = context.key;
      }
      if (available) {
        row.available = moneyToMajorString(available);
        row.currency = available.currency;
        row.available_key = context.key;
      }
      this.accounts.add(row);
      if (applicationId !== undefined) {
        this.links.add({ application_id: applicationId, account_ref: ref, linked_at: context.asOf });
      }
    }
  }

  private addOwner(
    event: InboundEvent,
    payload: Extract<KnownCredfin, { eventName: 'account.account_owner' }>['payload'],
  ): void {
    const context = eventContext(event);
    const info = payload.accountOwnerInfo;
    const ref = this.refs.of(info.bsb, info.number);
    this.touched.accountRefs.add(ref);
    this.owners.add({
      account_ref: ref,
      bsb: accountDigits(info.bsb),
      number: accountDigits(info.number),
      status: payload.status,
      error_message: payload.errorMessage || null,
      file_location: payload.fileLocation ?? null,
      owners: info.owners ?? [],
      addresses: info.address ?? [],
      emails: info.email ?? [],
      phones: info.phone ?? [],
      received_at: context.receivedAt,
      owner_key: context.key,
      first_seen_at: context.receivedAt,
      event_count: 1,
      last_event_at: context.receivedAt,
    });
  }

  private addAnalysis(
    event: InboundEvent,
    name: KnownCredfin['eventName'],
    payload: { id: number; time?: string; vendor_specific_id?: string | null },
  ): void {
    const context = eventContext(event, payload.time);
    const vsid = payload.vendor_specific_id ?? null;
    // Unresolvable until an application with this vendor_specific_id exists: the analysis row waits
    // (keyed by analysis id, carrying the vsid) and the finalizer joins it whenever both exist.
    if (vsid) this.touched.vendorSpecificIds.add(vsid);
    // Also reached through its account report (application id known), whatever the vsid says.
    this.touched.analysisIds.add(String(payload.id));
    this.analyses.add({
      analysis_id: String(payload.id),
      vendor_specific_id: vsid,
      [ANALYSIS_ARTIFACT[name] as string]: context.asOf,
      first_seen_at: context.receivedAt,
      event_count: 1,
      last_event_at: context.receivedAt,
    });
  }

  /** Advisory locks serialising the cross-partition joins (accounts, owners, analyses). */
  lockNames(): string[] {
    return [
      ...[...this.touched.accountRefs].map((ref) => `credfin:${ref}`),
      ...[...this.touched.vendorSpecificIds].map((vsid) => `credfin:vsid:${vsid}`),
      ...[...this.touched.analysisIds].map(analysisLock),
    ];
  }

  async write(manager: EntityManager): Promise<void> {
    const byKey = <E>(fold: RowFold<E>) => fold.values();
    await upsertRows(manager, CREDFIN_APPLICATION_TABLE, byKey(this.applications));
    await upsertRows(manager, CREDFIN_CRAWLER_TABLE, byKey(this.crawlers));
    await upsertRows(manager, CREDFIN_CRAWLER_STATUS_CHANGE_TABLE, byKey(this.statusChanges));
    await upsertRows(manager, CREDFIN_ACCOUNT_TABLE, byKey(this.accounts));
    await upsertRows(manager, CREDFIN_APPLICATION_ACCOUNT_TABLE, byKey(this.links));
    await upsertRows(manager, CREDFIN_ACCOUNT_OWNER_TABLE, byKey(this.owners));
    await upsertRows(manager, CREDFIN_ANALYSIS_TABLE, byKey(this.analyses));
    await upsertRows(manager, CRAWLER_SEED_TABLE, byKey(this.seeds), { doNothing: true });
  }
}
