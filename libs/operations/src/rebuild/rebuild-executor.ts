import type { Admin } from 'kafkajs';
import { Client } from 'pg';
import { endOffsets } from '@ledgerhook/kafka';
import type { OpsAuditWriter } from '../audit/ops-audit.writer';
import { runAudited } from '../audit/audited-run';
import { OperationRefusedError } from '../errors/operation-refused.error';
import type { ProgressListener } from '../progress';
import { rebuildableProjection, type RebuildableProjection } from './rebuildable-projection';
import { compareChecksums, schemaChecksums, type TableComparison } from './schema-checksums';
import { appliedPositions, lockSchema, schemaExists } from './schema-swap';

/** What the shadow build reads and where it writes. */
export interface ShadowSpec {
  schema: string;
  groupId: string;
}

/** Starts the projection's service building into a shadow (a child process, or in a test, an app). */
export type ShadowStarter = (shadow: ShadowSpec) => Promise<{ stop(): Promise<void> }>;

export interface RebuildRequest {
  projection: string;
  databaseUrl: string;
  /** The topics actually read (default: the projection's catalogue topics). */
  topics?: readonly string[];
  /** The live group (default: the projection's). */
  group?: string;
  /** Keep the replaced schema (renamed `<schema>_old_<stamp>`) instead of dropping it. */
  keepOld?: boolean;
  /** How long the shadow may take to reach the topics' ends (default 1 h). */
  timeoutMs?: number;
  /** When the build is named (default now): `<schema>_rebuild_<yyyymmddhhmmss>`. */
  now?: Date;
}

export interface RebuildPlan {
  projection: string;
  live: { schema: string; group: string };
  shadow: ShadowSpec;
  /** partition ends the shadow must reach, per topic. */
  topics: Array<{ topic: string; ends: Record<string, string> }>;
}

export interface RebuildOutcome extends RebuildPlan {
  tables: TableComparison[];
  /** The replaced schema, if kept. */
  old: string | null;
  /** The live group: moved to the shadow's offsets (empty group), or left (active: it was at or behind). */
  liveOffsets: 'moved' | 'kept: the live group is active';
}

function stampOf(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function context(request: RebuildRequest): {
  projection: RebuildableProjection;
  plan: Omit<RebuildPlan, 'topics'>;
} {
  const projection = rebuildableProjection(request.projection);
  const stamp = stampOf(request.now ?? new Date());
  return {
    projection,
    plan: {
      projection: projection.name,
      live: { schema: projection.schema, group: request.group ?? projection.group },
      shadow: {
        schema: `${projection.schema}_rebuild_${stamp}`,
        groupId: `${projection.group}.rebuild.${stamp}`,
      },
    },
  };
}

async function targets(admin: Admin, topics: readonly string[]): Promise<RebuildPlan['topics']> {
  return Promise.all(
    topics.map(async (topic) => ({ topic, ends: Object.fromEntries(await endOffsets(admin, topic)) })),
  );
}

/**
 * What the shadow build left outside its schema: its inbox rows (`<service>@<schema>`) and its
 * migrations table (`migrations_<service>_<schema>`), as the service names them.
 */
async function cleanUpShadow(
  client: Client,
  projection: RebuildableProjection,
  schema: string,
): Promise<void> {
  await client.query(`DELETE FROM platform.inbox WHERE consumer = $1`, [`${projection.name}@${schema}`]);
  await client.query(
    `DROP TABLE IF EXISTS public."migrations_${projection.name.replace(/-/g, '_')}_${schema}"`,
  );
}

/** What a rebuild would read and the names it would use: nothing changes. */
export async function planRebuild(admin: Admin, request: RebuildRequest): Promise<RebuildPlan> {
  const { projection, plan } = context(request);
  return { ...plan, topics: await targets(admin, request.topics ?? projection.topics) };
}

/** The group's committed offset per `topic:partition` (absent: none). */
async function committed(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<Map<string, bigint>> {
  const offsets = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const positions = new Map<string, bigint>();
  for (const { topic, partitions } of offsets)
    for (const { partition, offset } of partitions)
      if (offset !== '-1') positions.set(`${topic}:${partition}`, BigInt(offset));
  return positions;
}

/** Waits until the group has committed at least `ends` everywhere; reports progress. */
async function waitForGroup(
  admin: Admin,
  groupId: string,
  ends: Map<string, bigint>,
  deadline: number,
  onProgress: ProgressListener,
): Promise<void> {
  const topics = [...new Set([...ends.keys()].map((key) => key.slice(0, key.lastIndexOf(':'))))];
  const total = [...ends.values()].reduce((sum, end) => sum + end, 0n);
  for (;;) {
    const at = await committed(admin, groupId, topics);
    let done = 0n;
    let behind = false;
    for (const [key, end] of ends) {
      const position = at.get(key) ?? 0n;
      done += position < end ? position : end;
      if (position < end) behind = true;
    }
    onProgress(Number(done), Number(total));
    if (!behind) return;
    if (Date.now() > deadline)
      throw new Error(`the shadow group ${groupId} did not catch up in time (${done} of ${total} records)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Rebuilds a projection without taking it offline (audited as `rebuild`):
 * 1. the service builds it again into `<schema>_rebuild_<stamp>` under a new group, from the start of
 *    its topics, while the live one keeps consuming and serving;
 * 2. once the shadow reached the topics' ends as they were at the start, row counts and checksums of
 *    both are compared (reported: a rebuild after a fix is meant to differ);
 * 3. in one transaction: the live tables are locked (the live consumer and readers wait, they do not
 *    fail), the shadow is let catch up with what the live consumer applied meanwhile and stopped, and
 *    the schemas are renamed: live -> `<schema>_old_<stamp>`, shadow -> `<schema>`. The readers' next
 *    query sees the new tables; the live consumer goes on from its own offsets into them (what it
 *    re-reads that the shadow applied, the projection's own dedup makes a no-op);
 * 4. if the live group is empty (its service stopped), its offsets are moved to the shadow's;
 * 5. the old schema is dropped unless `keepOld`, with the shadow's inbox rows and migrations table.
 */
export async function executeRebuild(
  admin: Admin,
  audit: OpsAuditWriter,
  request: RebuildRequest,
  startShadow: ShadowStarter,
  onProgress: ProgressListener = () => undefined,
): Promise<{ operationId: string; value: RebuildOutcome }> {
  const { projection, plan } = context(request);
  const topics = request.topics ?? projection.topics;
  const deadline = Date.now() + (request.timeoutMs ?? 3_600_000);
  const old = `${projection.schema}_old_${plan.shadow.schema.slice(-14)}`;
  return runAudited(
    audit,
    'rebuild',
    { projection: projection.name, keepOld: request.keepOld === true, shadow: plan.shadow },
    async (): Promise<RebuildOutcome> => {
      const client = new Client({
        connectionString: request.databaseUrl,
        application_name: 'ledgerhook-rebuild',
      });
      await client.connect();
      let shadow: { stop(): Promise<void> } | undefined;
      try {
        if (!(await schemaExists(client, projection.schema)))
          throw new OperationRefusedError(`there is no live schema ${projection.schema} to replace`);
        if (await schemaExists(client, plan.shadow.schema))
          throw new OperationRefusedError(`schema ${plan.shadow.schema} exists already: another rebuild?`);
        const ends = await targets(admin, topics);
        const endMap = new Map(
          ends.flatMap(({ topic, ends: byPartition }) =>
            Object.entries(byPartition).map(
              ([partition, end]) => [`${topic}:${partition}`, BigInt(end)] as const,
            ),
          ),
        );
        shadow = await startShadow(plan.shadow);
        await waitForGroup(admin, plan.shadow.groupId, endMap, deadline, onProgress);
        const tables = compareChecksums(
          await schemaChecksums(client, projection.schema),
          await schemaChecksums(client, plan.shadow.schema),
        );

        // processed_at is its transaction's start, by the database's clock: an hour before now covers
        // any transaction still open.
        const [hourAgo] = (await client.query<{ at: Date }>(`SELECT now() - interval '1 hour' AS at`)).rows;
        const since = hourAgo?.at ?? new Date(0);
        const known = await appliedPositions(client, projection.name, topics);
        await client.query('BEGIN');
        try {
          await lockSchema(client, projection.schema, Date.now() + 60_000);
          const live = await appliedPositions(client, projection.name, topics, { at: since, known });
          // The shadow catches up with what the live consumer applied until it was stopped here.
          await waitForGroup(admin, plan.shadow.groupId, live, Date.now() + 60_000, () => undefined);
          await shadow.stop();
          shadow = undefined;
          await lockSchema(client, plan.shadow.schema, Date.now() + 60_000);
          await client.query(`ALTER SCHEMA "${projection.schema}" RENAME TO "${old}"`);
          await client.query(`ALTER SCHEMA "${plan.shadow.schema}" RENAME TO "${projection.schema}"`);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }

        const liveGroup = plan.live.group;
        const [description] = (await admin.describeGroups([liveGroup])).groups;
        let liveOffsets: RebuildOutcome['liveOffsets'] = 'kept: the live group is active';
        if (!description || description.members.length === 0) {
          const shadowAt = await committed(admin, plan.shadow.groupId, topics);
          for (const topic of topics) {
            const partitions = [...shadowAt]
              .filter(([key]) => key.slice(0, key.lastIndexOf(':')) === topic)
              .map(([key, offset]) => ({
                partition: Number(key.slice(key.lastIndexOf(':') + 1)),
                offset: String(offset),
              }));
            if (partitions.length > 0) await admin.setOffsets({ groupId: liveGroup, topic, partitions });
          }
          liveOffsets = 'moved';
        }
        if (!request.keepOld) await client.query(`DROP SCHEMA "${old}" CASCADE`);
        await cleanUpShadow(client, projection, plan.shadow.schema);
        await admin.deleteGroups([plan.shadow.groupId]).catch(() => undefined);
        return {
          ...plan,
          topics: ends,
          tables,
          old: request.keepOld ? old : null,
          liveOffsets,
        };
      } catch (error) {
        // Nothing was swapped: the shadow goes, the live projection stays as it was.
        await shadow?.stop().catch(() => undefined);
        if (await schemaExists(client, plan.shadow.schema).catch(() => false))
          await client.query(`DROP SCHEMA "${plan.shadow.schema}" CASCADE`).catch(() => undefined);
        await cleanUpShadow(client, projection, plan.shadow.schema).catch(() => undefined);
        throw error;
      } finally {
        await client.end();
      }
    },
    (outcome) => ({
      swapped: true,
      old: outcome.old,
      liveOffsets: outcome.liveOffsets,
      tables: outcome.tables,
    }),
  );
}
