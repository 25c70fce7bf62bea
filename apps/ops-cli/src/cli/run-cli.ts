import { Command, CommanderError } from 'commander';
import { AuditUnavailableError, OperationRefusedError } from '@ledgerhook/operations';
import { ConfigError } from '@ledgerhook/platform';
import { registerDlqCommand } from '../commands/dlq.command';
import { registerGroupsCommand } from '../commands/groups.command';
import { registerRebuildCommand } from '../commands/rebuild.command';
import { registerReplayCommand } from '../commands/replay.command';
import { registerRepublishCommand } from '../commands/republish.command';
import { registerTopicsCommand } from '../commands/topics.command';
import { writeJson } from '../output/json-output';
import type { CliIo } from './cli-io';
import { EXIT_CODES, EXIT_CODES_HELP, type ExitCode } from './exit-codes';

const ENVIRONMENT_HELP = `
Environment (the same as the services'):
  KAFKA_BROKERS         host:port list of the cluster (required)
  KAFKA_SSL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, KAFKA_CLIENT_ID
  DATABASE_URL          rebuild: the projection's database (and the service's own variables)
  LEDGERHOOK_OPERATOR   who you are, recorded on ops.audit.v1 (default: your OS login)
  LEDGERHOOK_LOG_LEVEL  Kafka client logs on stderr, e.g. warn or debug (default: none)`;

function buildProgram(io: CliIo): Command {
  const program = new Command('ledgerhook')
    .description(
      'Ledgerhook operations: inspect topics and consumer groups, replay a topic for a group, list, show, redrive and purge dead letters, republish one raw event, rebuild a projection without downtime. Every executed operation is recorded on ops.audit.v1.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', `${ENVIRONMENT_HELP}\n${EXIT_CODES_HELP}`);
  registerTopicsCommand(program, io);
  registerGroupsCommand(program, io);
  registerReplayCommand(program, io);
  registerDlqCommand(program, io);
  registerRepublishCommand(program, io);
  registerRebuildCommand(program, io);
  for (const command of program.commands) {
    command.addHelpText('after', EXIT_CODES_HELP);
    for (const sub of command.commands) sub.addHelpText('after', EXIT_CODES_HELP);
  }
  return program;
}

function classify(error: unknown): { code: ExitCode; kind: string } {
  if (error instanceof ConfigError) return { code: EXIT_CODES.config, kind: 'config' };
  if (error instanceof OperationRefusedError) return { code: EXIT_CODES.refused, kind: 'refused' };
  if (error instanceof AuditUnavailableError) return { code: EXIT_CODES.audit, kind: 'audit' };
  if (error instanceof Error && error.name.startsWith('KafkaJS'))
    return { code: EXIT_CODES.kafka, kind: 'kafka' };
  return { code: EXIT_CODES.internal, kind: 'internal' };
}

/** Runs one command line; resolves with the exit code (never throws). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already wrote the help or the message.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? EXIT_CODES.ok
        : EXIT_CODES.usage;
    }
    const { code, kind } = classify(error);
    const message = error instanceof Error ? error.message : String(error);
    if (argv.includes('--json')) writeJson(io, { error: { kind, message } });
    io.stderr.write(
      `ledgerhook: ${kind === 'internal' && error instanceof Error ? (error.stack ?? message) : message}\n`,
    );
    return code;
  }
}
