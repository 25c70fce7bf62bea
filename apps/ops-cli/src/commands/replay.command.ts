import { type Command, Option } from 'commander';
import {
  executeReplay,
  nameMembers,
  OpsAuditWriter,
  planReplay,
  type ReplayPlan,
  type ReplayRequest,
  type ReplayStart,
} from '@ledgerhook/operations';
import type { CliIo } from '../cli/cli-io';
import { withKafka } from '../cli/kafka-session';
import { writeJson } from '../output/json-output';
import { progressBar } from '../output/progress-bar';
import { renderTable } from '../output/table';
import { AUDIT_CLIENT } from './audited-command';
import { collectOffset, parseTime } from './replay-arguments';

interface ReplayOptions {
  group: string;
  topic: string;
  fromTime?: Date;
  fromOffset?: ReadonlyMap<number, bigint>;
  earliest?: boolean;
  toTime?: Date;
  execute?: boolean;
  json?: boolean;
}

function renderPlan(plan: ReplayPlan): string {
  const table = renderTable(
    ['partition', 'committed', 'from', 'end', 're-read', 'in window', 'action'],
    plan.partitions.map((p) => [
      String(p.partition),
      p.committed ?? '-',
      p.action === 'move' ? (p.target ?? '-') : '-',
      p.end,
      p.reRead,
      p.inWindow,
      p.action === 'move' ? 'move' : `unchanged: ${p.reason}`,
    ]),
  );
  return `${table}${plan.partitionsToMove} partition(s) move, ${plan.totalReRead} record(s) read again\n`;
}

export function registerReplayCommand(program: Command, io: CliIo): void {
  program
    .command('replay')
    .description(
      "Moves a stopped consumer group's committed offsets on one topic back, so that it reads those records again when it restarts (consumers are idempotent: no duplicate effects). Only ever moves backwards. Dry run unless --execute; refuses while the group has active members.",
    )
    .requiredOption('--group <id>', 'consumer group, e.g. lifecycle-projector')
    .requiredOption('--topic <name>', 'topic, e.g. webhooks.credfin.v1')
    .addOption(
      new Option('--from-time <iso>', 'start at the first record at or after this time (ISO 8601 with zone)')
        .argParser(parseTime)
        .conflicts(['fromOffset', 'earliest']),
    )
    .addOption(
      new Option(
        '--from-offset <partition:offset>',
        'start at this offset of this partition (repeatable; other partitions stay)',
      )
        .argParser(collectOffset)
        .conflicts(['earliest']),
    )
    .addOption(new Option('--earliest', 'start at the earliest record each partition still holds'))
    .addOption(
      new Option(
        '--to-time <iso>',
        'end of the window to reprocess: partitions with no record between the start and this time stay',
      ).argParser(parseTime),
    )
    .option(
      '--execute',
      'move the offsets (default: dry run, shows what would be read again, changes nothing)',
    )
    .option(
      '--json',
      'print JSON: { "executed": false, "plan": {...} } or { "executed": true, "operationId", "plan", "moved" }',
    )
    .action(async (options: ReplayOptions, command: Command) => {
      let start: ReplayStart;
      if (options.fromTime) start = { kind: 'time', time: options.fromTime };
      else if (options.fromOffset) start = { kind: 'offsets', offsets: options.fromOffset };
      else if (options.earliest) start = { kind: 'earliest' };
      else
        return command.error('error: one of --from-time, --from-offset or --earliest is required', {
          exitCode: 2,
        });
      const request: ReplayRequest = {
        group: options.group,
        topic: options.topic,
        start,
        ...(options.toTime ? { to: options.toTime } : {}),
      };
      await withKafka(io, async ({ kafka, admin, config }) => {
        const bar = progressBar(io, 'replay', !options.json);
        if (!options.execute) {
          let plan: ReplayPlan;
          try {
            plan = await planReplay(admin, request, bar.listener);
          } finally {
            bar.stop();
          }
          if (options.json) return writeJson(io, { executed: false, plan });
          io.stdout.write(
            `dry run: nothing changed (add --execute to move the offsets)\n${renderPlan(plan)}`,
          );
          if (plan.members.length > 0)
            io.stdout.write(
              `--execute would be refused: the group has ${plan.members.length} active member(s): ${nameMembers(plan.members)}\n`,
            );
          return;
        }
        const audit = await OpsAuditWriter.open(kafka, admin, {
          actor: config.operator,
          client: AUDIT_CLIENT,
        });
        try {
          const outcome = await executeReplay(admin, audit, request, bar.listener);
          bar.stop();
          if (options.json) return writeJson(io, { executed: true, ...outcome });
          io.stdout.write(`replayed (audit operation ${outcome.operationId})\n${renderPlan(outcome.plan)}`);
        } finally {
          bar.stop();
          await audit.close();
        }
      });
    });
}
