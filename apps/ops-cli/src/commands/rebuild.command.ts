import { type Command, InvalidArgumentError } from 'commander';
import { loadDatabaseConfig } from '@ledgerhook/database';
import {
  executeRebuild,
  planRebuild,
  REBUILDABLE_PROJECTIONS,
  rebuildableProjection,
  type RebuildOutcome,
  type RebuildPlan,
} from '@ledgerhook/operations';
import type { CliIo } from '../cli/cli-io';
import { withKafka } from '../cli/kafka-session';
import { OPS_CLI } from '../config/ops-cli.config';
import { writeJson } from '../output/json-output';
import { progressBar } from '../output/progress-bar';
import { renderTable } from '../output/table';
import { shadowProcess } from '../rebuild/shadow-process';
import { withAudit } from './audited-command';

interface RebuildOptions {
  group?: string;
  keepOld?: boolean;
  execute?: boolean;
  json?: boolean;
  shadowPort: number;
  timeoutMinutes: number;
}

const positiveInteger = (max: number) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
  return number;
};

function renderPlan(plan: RebuildPlan): string {
  const lines = [
    `live: schema ${plan.live.schema}, group ${plan.live.group}`,
    `shadow: schema ${plan.shadow.schema}, group ${plan.shadow.groupId}`,
    ...plan.topics.map(
      ({ topic, ends }) =>
        `reads ${topic} to ${Object.entries(ends)
          .map(([partition, end]) => `${partition}:${end}`)
          .join(' ')}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function renderOutcome(outcome: RebuildOutcome): string {
  return renderTable(
    ['table', 'live rows', 'rebuilt rows', 'same contents'],
    outcome.tables.map((t) => [
      t.table,
      String(t.liveRows ?? '-'),
      String(t.shadowRows ?? '-'),
      t.identical ? 'yes' : 'NO',
    ]),
  );
}

export function registerRebuildCommand(program: Command, io: CliIo): void {
  program
    .command('rebuild')
    .description(
      "Builds a projection again from the start of its topics into a shadow schema, under a new group, while the live one keeps serving; once it has caught up, compares row counts and checksums and swaps it in atomically (schema rename in one transaction); moves the live group's offsets to the shadow's if the live service is stopped. Runs the projection's service (from this checkout or image) with this environment: DATABASE_URL and the service's own variables must be set. Dry run unless --execute.",
    )
    .argument('<projection>', `one of ${Object.keys(REBUILDABLE_PROJECTIONS).join(', ')}`)
    .option(
      '--group <id>',
      "the live consumer group, if not the projection's default (e.g. lifecycle-projector)",
    )
    .option('--keep-old', 'keep the replaced schema as <schema>_old_<stamp> (default: dropped)')
    .option('--shadow-port <port>', 'HTTP port of the shadow service', positiveInteger(65_535), 3091)
    .option(
      '--timeout-minutes <n>',
      'how long the shadow may take to catch up',
      positiveInteger(7 * 24 * 60),
      60,
    )
    .option('--execute', 'build and swap (default: dry run, shows the names and what the shadow would read)')
    .option(
      '--json',
      'print JSON: { "executed": false, "plan" } or { "executed": true, "operationId", "outcome" }',
    )
    .action(async (name: string, options: RebuildOptions) => {
      await withKafka(io, async (session) => {
        const { admin } = session;
        const request = {
          projection: name,
          databaseUrl: loadDatabaseConfig(OPS_CLI, io.env).url,
          ...(options.group ? { group: options.group } : {}),
          ...(options.keepOld ? { keepOld: true } : {}),
          timeoutMs: options.timeoutMinutes * 60_000,
        };
        if (!options.execute) {
          const plan = await planRebuild(admin, request);
          if (options.json) return writeJson(io, { executed: false, plan });
          io.stdout.write(`dry run: nothing built (add --execute)\n${renderPlan(plan)}`);
          return;
        }
        const projection = rebuildableProjection(name);
        const bar = progressBar(io, 'rebuild', !options.json);
        try {
          const { operationId, value: outcome } = await withAudit(session, (audit) =>
            executeRebuild(
              admin,
              audit,
              request,
              shadowProcess(projection, io.env, options.shadowPort),
              bar.listener,
            ),
          );
          bar.stop();
          if (options.json) return writeJson(io, { executed: true, operationId, outcome });
          io.stdout.write(
            `rebuilt and swapped in (audit operation ${operationId})\n${renderPlan(outcome)}${renderOutcome(outcome)}old schema: ${outcome.old ?? 'dropped'}; live group offsets: ${outcome.liveOffsets}\n`,
          );
        } finally {
          bar.stop();
        }
      });
    });
}
