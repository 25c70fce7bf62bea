import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  DependencyUnavailableError,
  type InboundEvent,
  type OutboxMessage,
  RejectedEventError,
} from '@ledgerhook/consumer';
import { accountLast4, type CredfinEvent, type ReportKind, resolveJsonPointer } from '@ledgerhook/contracts';
import {
  type ArtifactRef,
  CredfinApiClient,
  CredfinRejectedError,
  CredfinUnavailableError,
  type FetchedArtifact,
} from '@ledgerhook/credfin-api';
import type { EntityManager } from 'typeorm';
import {
  ARTIFACT_STORE,
  type ArtifactMeta,
  type ArtifactStore,
  type StoredArtifact,
} from '../artifacts/artifact-store';
import type { ReportRetrieverConfig } from '../config/report-retriever.config';
import { REPORT_RETRIEVER_CONFIG } from '../report-retriever.tokens';
import { artifactAnnouncement } from './artifact-announcement';
import { fetchPlan, type WantedArtifact } from './fetch-plan';
import { TurnTaker } from './turn-taker';

/** Our kinds (snake_case, as published) -> the API client's. */
const API_KIND: Record<ReportKind, ArtifactRef['kind']> = {
  application_report: 'application-report',
  analysis_report: 'analysis-report',
  analysis_pdf: 'analysis-pdf',
  analysis_html: 'analysis-html',
  summary_pdf: 'summary-pdf',
  summary_html: 'summary-html',
  bundle: 'bundle',
};

interface AnalysisLink {
  applicationId: string;
  accountRef?: string;
  accountLast4?: string;
}

interface BundleEntry {
  kind: string;
  analysis_id?: string;
  content_type: string;
  base64: string;
}

/**
 * Fetches what each Credfin event makes ready, once: an artifact already stored is not fetched again
 * (duplicates, replays, a bundle repeating it). Runs in the consumer's transaction: the artifact, its
 * lending.reports.v1 record and the offset commit together. Credfin refusing a request for good
 * dead-letters the event; Credfin being down pauses the consumer (nothing dead-lettered).
 */
@Injectable()
export class ReportRetrieval implements OnApplicationShutdown {
  constructor(
    @Inject(CredfinApiClient) private readonly credfin: CredfinApiClient,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
    @Inject(REPORT_RETRIEVER_CONFIG) private readonly config: ReportRetrieverConfig,
  ) {}

  /** The client's keep-alive connections go with the service. */
  async onApplicationShutdown(): Promise<void> {
    await this.credfin.close();
  }

  /**
   * The artifacts of different analyses and applications are fetched concurrently (Credfin's latency
   * dominates; the client bounds the concurrency), those of one analysis or application in order (its
   * report first). Each artifact is wanted once per chunk, whichever events asked for it.
   */
  async retrieve(manager: EntityManager, events: readonly InboundEvent[]): Promise<OutboxMessage[]> {
    const groups = new Map<string, { want: WantedArtifact; event: InboundEvent }[]>();
    const seen = new Set<string>();
    for (const event of events) {
      if (event.provider !== 'credfin') continue;
      for (const want of fetchPlan(event.event as CredfinEvent, this.config.fetchMode)) {
        const root =
          'analysisId' in want ? `analysis:${want.analysisId}` : `application:${want.applicationId}`;
        if (seen.has(`${root}:${want.kind}`)) continue;
        seen.add(`${root}:${want.kind}`);
        const group = groups.get(root) ?? [];
        group.push({ want, event });
        groups.set(root, group);
      }
    }
    // One transaction is one connection: the groups' fetches overlap, their statements take turns.
    const exclusive = new TurnTaker();
    const results = await Promise.allSettled(
      [...groups.values()].map(async (group) => {
        const outbox: OutboxMessage[] = [];
        for (const { want, event } of group) {
          // A download can break off after its headers (while stored): that is Credfin down too.
          const stored = await consumerErrors(() => this.ensure(manager, want, event, exclusive));
          outbox.push(
            ...stored.map((artifact) => artifactAnnouncement(artifact, event.attributes.traceparent)),
          );
        }
        return outbox;
      }),
    );
    // Every fetch has settled before the transaction may end (commit or roll back).
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
  }

  /** Stores the artifact unless it is there already; the artifacts newly stored. */
  private async ensure(
    manager: EntityManager,
    want: WantedArtifact,
    event: InboundEvent,
    exclusive: TurnTaker,
  ): Promise<StoredArtifact[]> {
    const key =
      'analysisId' in want
        ? { kind: want.kind, analysisId: want.analysisId }
        : { kind: want.kind, applicationId: want.applicationId };
    if (await exclusive.run(() => this.store.find(manager, key))) return [];
    const meta = {
      provider: 'credfin' as const,
      ...(want.vendorSpecificId ? { vendorSpecificId: want.vendorSpecificId } : {}),
      sourceCeId: event.attributes.id,
    };
    if (want.kind === 'bundle') return this.unpackBundle(manager, want.applicationId, meta, exclusive);
    if ('analysisId' in want) {
      if (want.kind === 'analysis_report') {
        const fetched = await this.fetch({ kind: 'analysis-report', analysisId: want.analysisId });
        const bytes = await this.readBounded(fetched);
        const link = this.linkOf(bytes);
        return this.storeNew(
          exclusive,
          manager,
          {
            ...meta,
            ...link,
            analysisId: want.analysisId,
            kind: want.kind,
            contentType: fetched.contentType,
          },
          [bytes],
        );
      }
      // The plan fetched this analysis's report first: it names the application and the account.
      const report = await exclusive.run(() =>
        this.store.find(manager, { kind: 'analysis_report', analysisId: want.analysisId }),
      );
      if (!report)
        throw new RejectedEventError(
          `no report for analysis ${want.analysisId}: cannot link its ${want.kind}`,
        );
      const fetched = await this.fetch({
        kind: API_KIND[want.kind] as 'analysis-pdf',
        analysisId: want.analysisId,
      });
      return this.storeNew(
        exclusive,
        manager,
        {
          ...meta,
          applicationId: report.applicationId,
          ...(report.accountRef ? { accountRef: report.accountRef } : {}),
          ...(report.accountLast4 ? { accountLast4: report.accountLast4 } : {}),
          analysisId: want.analysisId,
          kind: want.kind,
          contentType: fetched.contentType,
        },
        fetched.body,
      );
    }
    const fetched = await this.fetch({
      kind: API_KIND[want.kind] as 'summary-pdf',
      applicationId: want.applicationId,
    });
    return this.storeNew(
      exclusive,
      manager,
      { ...meta, applicationId: want.applicationId, kind: want.kind, contentType: fetched.contentType },
      fetched.body,
    );
  }

  /** The bundle is stored too (so a replay fetches nothing), and each artifact it holds. */
  private async unpackBundle(
    manager: EntityManager,
    applicationId: string,
    meta: Pick<ArtifactMeta, 'provider' | 'vendorSpecificId' | 'sourceCeId'>,
    exclusive: TurnTaker,
  ): Promise<StoredArtifact[]> {
    const fetched = await this.fetch({ kind: 'bundle', applicationId });
    const bytes = await this.readBounded(fetched);
    let entries: BundleEntry[];
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as { artifacts?: BundleEntry[] };
      entries = Array.isArray(parsed.artifacts) ? parsed.artifacts : [];
    } catch {
      throw new RejectedEventError(
        `the bundle of application ${applicationId} is not the JSON bundle this service reads`,
      );
    }
    const stored = await this.storeNew(
      exclusive,
      manager,
      { ...meta, applicationId, kind: 'bundle', contentType: fetched.contentType },
      [bytes],
    );
    const links = new Map<string, AnalysisLink>();
    // Reports first: they name the account each PDF and HTML belongs to.
    const ordered = [...entries].sort(
      (a, b) => Number(b.kind === 'analysis-report') - Number(a.kind === 'analysis-report'),
    );
    for (const entry of ordered) {
      const kind = (Object.keys(API_KIND) as ReportKind[]).find(
        (candidate) => API_KIND[candidate] === entry.kind,
      );
      if (!kind || kind === 'bundle') continue;
      const content = Buffer.from(entry.base64, 'base64');
      const analysisId = entry.analysis_id ? String(entry.analysis_id) : undefined;
      let link: AnalysisLink = { applicationId };
      if (kind === 'analysis_report' && analysisId) {
        link = { ...this.linkOf(content), applicationId };
        links.set(analysisId, link);
      } else if (analysisId) link = links.get(analysisId) ?? link;
      stored.push(
        ...(await this.storeNew(
          exclusive,
          manager,
          { ...meta, ...link, ...(analysisId ? { analysisId } : {}), kind, contentType: entry.content_type },
          [content],
        )),
      );
    }
    return stored;
  }

  private async storeNew(
    exclusive: TurnTaker,
    manager: EntityManager,
    meta: Omit<ArtifactMeta, 'fetchedAt'>,
    body: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer>,
  ): Promise<StoredArtifact[]> {
    const iterable =
      Symbol.asyncIterator in body
        ? body
        : (async function* () {
            yield* body;
          })();
    const { artifact, created } = await exclusive.run(() =>
      this.store.store(manager, { ...meta, fetchedAt: new Date() }, iterable),
    );
    return created ? [artifact] : [];
  }

  /** Where a report says the account belongs (configurable pointers: the format is undocumented). */
  private linkOf(reportJson: Buffer): AnalysisLink {
    let report: unknown;
    try {
      report = JSON.parse(reportJson.toString('utf8'));
    } catch {
      throw new RejectedEventError('the analysis report is not JSON');
    }
    const { applicationId, bsb, number } = this.config.reportPointers;
    const application = resolveJsonPointer(report, applicationId);
    if (typeof application !== 'string' && typeof application !== 'number')
      throw new RejectedEventError(`the analysis report names no application at ${applicationId}`);
    const accountBsb = resolveJsonPointer(report, bsb);
    const accountNumber = resolveJsonPointer(report, number);
    return {
      applicationId: String(application),
      ...(typeof accountBsb === 'string' && typeof accountNumber === 'string'
        ? {
            accountRef: this.config.accountRefs.of(accountBsb, accountNumber),
            accountLast4: accountLast4(accountNumber),
          }
        : {}),
    };
  }

  private async readBounded(fetched: FetchedArtifact): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of fetched.body) {
      size += (chunk as Buffer).length;
      if (size > this.config.maxParsedBytes) {
        fetched.body.destroy();
        throw new RejectedEventError(
          `a document to parse is larger than REPORT_MAX_PARSED_BYTES (${this.config.maxParsedBytes})`,
        );
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks, size);
  }

  private fetch(ref: ArtifactRef): Promise<FetchedArtifact> {
    return consumerErrors(() => this.credfin.fetch(ref), ref.kind);
  }
}

/** Credfin's errors as the consumer acts on them: refused for good -> DLQ, unavailable -> pause. */
async function consumerErrors<T>(work: () => Promise<T>, what = 'a request'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CredfinRejectedError)
      throw new RejectedEventError(`Credfin refused ${what}: ${error.status} ${error.excerpt}`.slice(0, 300));
    if (error instanceof CredfinUnavailableError)
      throw new DependencyUnavailableError('credfin-api', error.message, { cause: error });
    throw error;
  }
}
