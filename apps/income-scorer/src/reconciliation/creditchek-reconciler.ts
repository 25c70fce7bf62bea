import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  CreditChekApiClient,
  CreditChekRejectedError,
  CreditChekUnavailableError,
} from '@ledgerhook/creditchek-api';
import { acquireRelayLease, releaseRelayLease } from '@ledgerhook/database';
import { createIdempotentProducer, KAFKA_CLIENT } from '@ledgerhook/kafka';
import { type Logger, MetricsRegistry, SERVICE_LOGGER } from '@ledgerhook/platform';
import type { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AWAITED_INSIGHTS, type AwaitedInsight, type AwaitedInsights } from './awaited-insights';
import { reconciledInsight, type ReconciledInsightRecord } from './reconciled-insight.record';
import type { ReconciliationConfig } from './reconciliation.config';
import { ReconciliationLedger } from './reconciliation-ledger';
import { type ReconciliationCount, ReconciliationMetrics } from './reconciliation.metrics';

export const RECONCILIATION_CONFIG = Symbol('RECONCILIATION_CONFIG');

/** The lease row (platform.outbox_relay_lease, the outbox relay's table) that lets one replica reconcile. */
export const RECONCILER_LEASE = 'income-scorer:creditchek-reconciler';
/** Candidates asked of the port per borrower fetched, so uploads set aside (see the ledger) do not fill a run. */
const CANDIDATES_PER_SLOT = 4;
const SEND_DEADLINE_MS = 15_000;

export type RunSummary = { ran: false } | ({ ran: true } & Record<ReconciliationCount, number>);

/**
 * No insight lost to a single-shot webhook: every CREDITCHEK_RECONCILE_INTERVAL, one replica (a lease
 * row, renewed per borrower) asks AwaitedInsights for uploads with no insight or failure after
 * CREDITCHEK_RECONCILE_AFTER, fetches each borrower's insight from CreditChek's API
 * (libs/creditchek-api: retries, breaker) and publishes it to webhooks.creditchek.v1 as the ingress
 * would have stored the webhook, marked ce_source /providers/creditchek/reconciler. The ledger keeps a
 * published upload from being fetched again before the scorer has read it; deterministic bytes, dedup
 * key and ce_id make a repeat (a crash between the send and the ledger) a duplicate the inbox drops.
 */
@Injectable()
export class CreditChekReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly leaseMs: number;
  private readonly ledger: ReconciliationLedger;
  private readonly metrics: ReconciliationMetrics;
  private producer?: Producer;
  private connected?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    @Inject(RECONCILIATION_CONFIG) private readonly config: ReconciliationConfig,
    @Inject(AWAITED_INSIGHTS) private readonly awaited: AwaitedInsights,
    private readonly creditchek: CreditChekApiClient,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(MetricsRegistry) registry: MetricsRegistry,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    this.ledger = new ReconciliationLedger(dataSource);
    this.metrics = new ReconciliationMetrics(registry);
    // Long enough for one borrower's fetch with all its retries; renewed before each borrower.
    const api = config.creditchekApi;
    this.leaseMs = Math.max(2 * config.intervalMs, (api.retries + 1) * api.timeoutMs + SEND_DEADLINE_MS);
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  /** Before the database and Kafka connections close: lets a run in progress finish, then lets go. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await releaseRelayLease(this.dataSource, RECONCILER_LEASE, this.holder).catch(() => undefined);
    if (this.connected) await this.producer?.disconnect().catch(() => undefined);
    await this.creditchek.close();
  }

  /** One reconciliation pass; `{ ran: false }` when another replica holds the lease. */
  async runOnce(now: () => Date = () => new Date()): Promise<RunSummary> {
    if (!(await this.holdLease())) {
      this.metrics.run('skipped');
      return { ran: false };
    }
    const summary = { found: 0, fetched: 0, none: 0, refused: 0, failed: 0 };
    const olderThan = new Date(now().getTime() - this.config.afterMs);
    const candidates = await this.awaited.findAwaited(olderThan, this.config.batchSize * CANDIDATES_PER_SLOT);
    const uploads = (await this.ledger.toAsk(candidates, now(), this.config.afterMs)).slice(
      0,
      this.config.batchSize,
    );
    summary.found = uploads.length;
    for (const upload of uploads) {
      if (this.stopped || !(await this.holdLease())) break;
      const outcome = await this.reconcile(upload, now);
      summary[outcome] += 1;
      // CreditChek down or refusing our token: the others would fail the same way; next run.
      if (outcome === 'failed') break;
    }
    summary.failed += uploads.length - (summary.fetched + summary.none + summary.refused + summary.failed);
    for (const [outcome, n] of Object.entries(summary)) this.metrics.count(outcome as ReconciliationCount, n);
    this.metrics.run('done');
    if (summary.found > 0) this.logger.info({ reconciliation: summary }, 'CreditChek reconciliation run');
    return { ran: true, ...summary };
  }

  private async reconcile(
    upload: AwaitedInsight,
    now: () => Date,
  ): Promise<'fetched' | 'none' | 'refused' | 'failed'> {
    const { borrowerId } = upload;
    let data: Record<string, unknown> | undefined;
    try {
      data = await this.creditchek.fetchInsight(borrowerId);
    } catch (error) {
      if (error instanceof CreditChekRejectedError && error.status !== 401 && error.status !== 403) {
        await this.ledger.record(upload, 'refused', now(), { reason: error.message });
        this.logger.warn({ borrowerId }, `reconciliation refused CreditChek's answer: ${error.message}`);
        return 'refused';
      }
      if (!(error instanceof CreditChekRejectedError) && !(error instanceof CreditChekUnavailableError))
        throw error;
      this.logger.warn({ borrowerId }, `reconciliation could not ask CreditChek: ${error.message}`);
      return 'failed';
    }
    if (!data) {
      await this.ledger.record(upload, 'none', now());
      return 'none';
    }
    const built = reconciledInsight(borrowerId, upload.uploadedAt, data, now(), this.config.accountRefs);
    if (!built.ok) {
      await this.ledger.record(upload, 'refused', now(), { reason: built.reason });
      this.logger.warn({ borrowerId }, `reconciliation did not publish the insight: ${built.reason}`);
      return 'refused';
    }
    await this.publish(built.record);
    await this.ledger.record(upload, 'published', now(), {
      ceId: built.record.ceId,
      dedupKey: built.record.dedupKey,
    });
    this.logger.info({ borrowerId, ce_id: built.record.ceId }, 'reconciled a missing CreditChek insight');
    return 'fetched';
  }

  /** Acks from every in-sync replica, like the ingress; the idempotent producer never gives up by itself. */
  private async publish(record: ReconciledInsightRecord): Promise<void> {
    this.producer ??= createIdempotentProducer(this.kafka);
    this.connected ??= this.producer.connect();
    await this.connected;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.producer.send({
          topic: record.topic,
          acks: -1,
          messages: [{ key: record.key, value: record.value, headers: record.headers }],
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Kafka did not acknowledge within ${SEND_DEADLINE_MS} ms`)),
            SEND_DEADLINE_MS,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private holdLease(): Promise<boolean> {
    return acquireRelayLease(this.dataSource, RECONCILER_LEASE, this.holder, this.leaseMs);
  }

  /** The next run one interval after the last ended, so runs never overlap. */
  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: unknown) => {
          this.metrics.run('failed');
          this.logger.warn({}, `CreditChek reconciliation run failed: ${(error as Error).message}`);
        })
        .finally(() => this.schedule());
    }, this.config.intervalMs);
  }
}
