import { type Command, InvalidArgumentError } from 'commander';
import {
  type DeadLetterDetail,
  type DeadLetterView,
  detailOf,
  executePurge,
  executeRedrive,
  markerGroupId,
  planPurge,
  planRedrive,
  readDeadLetters,
  selectDeadLetters,
  viewOf,
} from '@ledgerhook/operations';
import type { CliIo } from '../cli/cli-io';
import { withKafka } from '../cli/kafka-session';
import { writeJson } from '../output/json-output';
import { renderTable } from '../output/table';
import { withAudit } from './audited-command';

const collect = (value: string, previous: string[] = []): string[] => {
  if (!/^\d{1,9}:\d{1,19}$/.test(value))
    throw new InvalidArgumentError('expected <partition>:<offset> of a dead letter, e.g. 0:12');
  return [...previous, value];
};

interface ConsumerOptions {
  consumer?: string;
}

/** `dlq <verb> <consumer>` or `dlq <verb> --consumer <consumer>`: one of them, the same if both. */
function consumerOf(argument: string | undefined, options: ConsumerOptions, command: Command): string {
  const consumer = argument ?? options.consumer;
  if (!consumer)
    return command.error('error: the consumer is required: dlq <verb> <consumer>', { exitCode: 2 });
  if (argument && options.consumer && argument !== options.consumer)
    return command.error('error: the consumer is given twice, differently', { exitCode: 2 });
  return consumer;
}

function renderLetters(letters: readonly DeadLetterView[]): string {
  return renderTable(
    ['at', 'ce_type', 'came from', 'failed at', 'error'],
    letters.map((letter) => [
      `${letter.partition}:${letter.offset}`,
      letter.ceType ?? '-',
      letter.sourceTopic ? `${letter.sourceTopic} ${letter.sourcePartition}:${letter.sourceOffset}` : '-',
      letter.failedAt ?? '-',
      (letter.error ?? '-').slice(0, 120),
    ]),
  );
}

function renderDetail(letter: DeadLetterDetail): string {
  const lines = [
    `dead letter ${letter.partition}:${letter.offset}  key ${letter.key ?? '-'}  written ${letter.timestamp}`,
  ];
  for (const [name, value] of Object.entries(letter.headers)) lines.push(`  ${name}: ${value}`);
  if (letter.payload !== undefined) lines.push('  payload:', `  ${letter.payload ?? '(none)'}`);
  return `${lines.join('\n')}\n`;
}

/** The consumer argument and option every dlq subcommand takes. */
function dlqSubcommand(dlq: Command, name: string, description: string): Command {
  return dlq
    .command(name)
    .description(description)
    .argument('[consumer]', 'e.g. lifecycle-projector, report-retriever, income-scorer')
    .option('--consumer <name>', 'the same as the argument');
}

export function registerDlqCommand(program: Command, io: CliIo): void {
  const dlq = program
    .command('dlq')
    .description(
      `A consumer's dead letters (dlq.<consumer>.v1): list, show, redrive, purge. Letters redriven or purged are marked handled (the committed offsets of group ${markerGroupId('<consumer>')}) and no longer listed; the records stay until the topic's retention.`,
    );

  dlqSubcommand(
    dlq,
    'list',
    'Lists the open dead letters: where each came from and why it failed (never its body).',
  )
    .option('--json', 'print JSON: { "consumer", "letters": [...] }')
    .action(
      async (
        argument: string | undefined,
        options: ConsumerOptions & { json?: boolean },
        command: Command,
      ) => {
        const consumer = consumerOf(argument, options, command);
        await withKafka(io, async ({ kafka, admin }) => {
          const letters = (await readDeadLetters(kafka, admin, consumer)).map(viewOf);
          if (options.json) return writeJson(io, { consumer, letters });
          io.stdout.write(`${renderLetters(letters)}${letters.length} dead letter(s)\n`);
        });
      },
    );

  dlqSubcommand(
    dlq,
    'show',
    'Shows open dead letters in full: every header, the key; the body (it may hold personal data) only with --payload.',
  )
    .option(
      '--offset <partition:offset>',
      'only this dead letter (repeatable; default: all open ones)',
      collect,
    )
    .option('--payload', 'include each body, as UTF-8 text')
    .option(
      '--json',
      'print JSON: { "consumer", "letters": [{ ...list fields, "key", "timestamp", "headers", "payload"? }] }',
    )
    .action(
      async (
        argument: string | undefined,
        options: ConsumerOptions & { offset?: string[]; payload?: boolean; json?: boolean },
        command: Command,
      ) => {
        const consumer = consumerOf(argument, options, command);
        await withKafka(io, async ({ kafka, admin }) => {
          const { chosen } = await selectDeadLetters(kafka, admin, consumer, options.offset);
          const letters = chosen.map((record) => detailOf(record, options.payload === true));
          if (options.json) return writeJson(io, { consumer, letters });
          io.stdout.write(`${letters.map(renderDetail).join('\n')}${letters.length} dead letter(s)\n`);
        });
      },
    );

  dlqSubcommand(
    dlq,
    'redrive',
    'Sends open dead letters again through retry.<consumer>.v1, to the handler of the topic each came from (the inbox keeps one applied once, however often it is sent), then marks them handled. Dry run unless --execute.',
  )
    .option('--offset <partition:offset>', 'only this dead letter (repeatable; default: all)', collect)
    .option('--execute', 'send them (default: dry run, shows what would be sent, changes nothing)')
    .option(
      '--json',
      'print JSON: { "executed": false, "plan" } or { "executed": true, "operationId", "plan" } (plan.marker: how the handled marker moved)',
    )
    .action(
      async (
        argument: string | undefined,
        options: ConsumerOptions & { offset?: string[]; execute?: boolean; json?: boolean },
        command: Command,
      ) => {
        const consumer = consumerOf(argument, options, command);
        const request = { consumer, ...(options.offset ? { select: options.offset } : {}) };
        await withKafka(io, async (session) => {
          const { kafka, admin } = session;
          if (!options.execute) {
            const plan = await planRedrive(kafka, admin, request);
            if (options.json) return writeJson(io, { executed: false, plan });
            io.stdout.write(
              `dry run: nothing sent (add --execute)\n${renderLetters(plan.letters)}${plan.letters.length} dead letter(s) would go to ${plan.to}\n`,
            );
            return;
          }
          const { operationId, value: plan } = await withAudit(session, (audit) =>
            executeRedrive(kafka, admin, audit, request),
          );
          if (options.json) return writeJson(io, { executed: true, operationId, plan });
          io.stdout.write(
            `redriven (audit operation ${operationId}): ${plan.letters.length} dead letter(s) sent to ${plan.to}\n`,
          );
        });
      },
    );

  dlqSubcommand(
    dlq,
    'purge',
    'Marks open dead letters handled without sending them (their cause was dealt with otherwise): they are no longer listed; the records stay in the topic until its retention. Dry run unless --execute.',
  )
    .option(
      '--through <partition:offset>',
      'purge this letter and the open ones before it in its partition (repeatable; default: every open letter)',
      collect,
    )
    .option('--execute', 'mark them handled (default: dry run, shows what would be purged)')
    .option(
      '--json',
      'print JSON: { "executed": false, "plan" } or { "executed": true, "operationId", "plan" }',
    )
    .action(
      async (
        argument: string | undefined,
        options: ConsumerOptions & { through?: string[]; execute?: boolean; json?: boolean },
        command: Command,
      ) => {
        const consumer = consumerOf(argument, options, command);
        const request = { consumer, ...(options.through ? { through: options.through } : {}) };
        await withKafka(io, async (session) => {
          const { kafka, admin } = session;
          if (!options.execute) {
            const plan = await planPurge(kafka, admin, request);
            if (options.json) return writeJson(io, { executed: false, plan });
            io.stdout.write(
              `dry run: nothing purged (add --execute)\n${renderLetters(plan.letters)}${plan.letters.length} dead letter(s) would be marked handled\n`,
            );
            return;
          }
          const { operationId, value: plan } = await withAudit(session, (audit) =>
            executePurge(kafka, admin, audit, request),
          );
          if (options.json) return writeJson(io, { executed: true, operationId, plan });
          io.stdout.write(
            `purged (audit operation ${operationId}): ${plan.letters.length} dead letter(s) marked handled\n`,
          );
        });
      },
    );
}
