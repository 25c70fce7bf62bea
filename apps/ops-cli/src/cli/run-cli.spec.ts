import { runCaptured } from '../testing/run-captured';
import { EXIT_CODES } from './exit-codes';

// What the CLI does before it needs a broker: help, usage errors, configuration errors.
describe('ledgerhook command line', () => {
  it.each([
    [
      [],
      [
        'topics',
        'groups',
        'replay',
        'dlq',
        'republish',
        'rebuild',
        'KAFKA_BROKERS',
        'DATABASE_URL',
        'LEDGERHOOK_OPERATOR',
        'Exit codes',
      ],
    ],
    [['dlq'], ['list', 'show', 'redrive', 'purge', 'ledgerhook.dlq.<consumer>', 'Exit codes']],
    [
      ['dlq', 'list'],
      ['[consumer]', '--consumer <name>', '--json', 'why it failed', 'Exit codes'],
    ],
    [
      ['dlq', 'show'],
      ['[consumer]', '--offset <partition:offset>', '--payload', '--json', 'Exit codes'],
    ],
    [
      ['dlq', 'redrive'],
      ['[consumer]', '--offset <partition:offset>', '--execute', '--json', 'Exit codes'],
    ],
    [
      ['dlq', 'purge'],
      ['[consumer]', '--through <partition:offset>', '--execute', '--json', 'Exit codes'],
    ],
    [['republish'], ['<ce_id>', '--consumer <name>', '--topic <name>', '--execute', '--json', 'Exit codes']],
    [
      ['rebuild'],
      [
        '<projection>',
        'lifecycle-projector',
        '--keep-old',
        '--shadow-port <port>',
        '--timeout-minutes <n>',
        '--execute',
        '--json',
        'Exit codes',
      ],
    ],
    [['topics'], ['--json', 'retention', 'Exit codes']],
    [['groups'], ['--group <id>', '--json', 'lag per partition', 'Exit codes']],
    [
      ['replay'],
      [
        '--group <id>',
        '--topic <name>',
        '--from-time <iso>',
        '--from-offset <partition:offset>',
        '--earliest',
        '--to-time <iso>',
        '--execute',
        '--json',
        'Exit codes',
      ],
    ],
  ])('%j --help describes the command, its options and the exit codes', async (command, expected) => {
    const run = await runCaptured([...command, '--help'], {});
    expect(run.code).toBe(EXIT_CODES.ok);
    expect(run.stdout).toContain(`Usage: ledgerhook ${command.join(' ')}`.trim());
    for (const text of expected) expect(run.stdout).toContain(text);
  });

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['topics', '--colour'], /unknown option '--colour'/],
    [[], /Usage: ledgerhook/],
    [['replay', '--topic', 't', '--earliest'], /required option '--group <id>' not specified/],
    [
      ['replay', '--group', 'g', '--topic', 't'],
      /one of --from-time, --from-offset or --earliest is required/,
    ],
    [
      ['replay', '--group', 'g', '--topic', 't', '--earliest', '--from-time', '2026-01-01T00:00:00Z'],
      /cannot be used with/,
    ],
    [['replay', '--group', 'g', '--topic', 't', '--from-time', 'yesterday'], /ISO 8601 time with a zone/],
    [
      ['replay', '--group', 'g', '--topic', 't', '--from-time', '2026-01-01T00:00:00'],
      /ISO 8601 time with a zone/,
    ],
    [['replay', '--group', 'g', '--topic', 't', '--from-offset', '3'], /<partition>:<offset>/],
    [
      ['replay', '--group', 'g', '--topic', 't', '--from-offset', '1:5', '--from-offset', '1:6'],
      /partition 1 is given twice/,
    ],
    [['dlq', 'show'], /the consumer is required/],
    [['dlq', 'list', 'a', '--consumer', 'b'], /the consumer is given twice, differently/],
    [['dlq', 'redrive', 'a', '--offset', '3'], /<partition>:<offset> of a dead letter/],
    [
      ['republish', '0196b000-0000-7000-8000-000000000001'],
      /required option '--consumer <name>' not specified/,
    ],
    [['rebuild'], /missing required argument 'projection'/],
    [['rebuild', 'lifecycle-projector', '--shadow-port', '0'], /a whole number from 1 to 65535/],
  ])('%j is a usage error (exit 2) that says what is wrong', async (argv, message) => {
    const run = await runCaptured(argv, {});
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toMatch(message);
  });

  it('names a missing or bad variable (exit 3), in JSON too with --json, without echoing its value', async () => {
    const missing = await runCaptured(['topics', '--json'], {});
    expect(missing.code).toBe(EXIT_CODES.config);
    expect(missing.stderr).toContain('KAFKA_BROKERS');
    expect(missing.json()).toEqual({
      error: { kind: 'config', message: expect.stringContaining('KAFKA_BROKERS') },
    });

    const sasl = await runCaptured(['groups'], {
      KAFKA_BROKERS: '127.0.0.1:9',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'ops',
    });
    expect(sasl.code).toBe(EXIT_CODES.config);
    expect(sasl.stderr).toContain('KAFKA_SASL_PASSWORD');

    const operator = await runCaptured(['topics'], {
      KAFKA_BROKERS: '127.0.0.1:9',
      LEDGERHOOK_OPERATOR: 'me\nforged line',
    });
    expect(operator.code).toBe(EXIT_CODES.config);
    expect(operator.stderr).toContain('LEDGERHOOK_OPERATOR');
    expect(operator.stderr).not.toContain('forged line');
  });

  it('exits 6 when Kafka cannot be reached, after the client gave up retrying', async () => {
    // Nothing listens on port 1: the connection is refused at once, each of kafkajs's retries too.
    const run = await runCaptured(['groups', '--json'], { KAFKA_BROKERS: '127.0.0.1:1' });
    expect(run.code).toBe(EXIT_CODES.kafka);
    expect(run.json()).toEqual({
      error: { kind: 'kafka', message: expect.stringContaining('ECONNREFUSED') },
    });
  }, 45_000);
});
