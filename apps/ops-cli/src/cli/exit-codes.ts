/** What `ledgerhook` exits with; scripts may rely on these (README.md, `ledgerhook --help`). */
export const EXIT_CODES = {
  /** Done (a dry run included). */
  ok: 0,
  /** An unexpected error (a bug): the message says what failed. */
  internal: 1,
  /** Bad command line: unknown command or option, missing or malformed argument. */
  usage: 2,
  /** Bad environment (KAFKA_BROKERS, SASL, LEDGERHOOK_OPERATOR): the message names the variable. */
  config: 3,
  /** A guard refused the operation; nothing was changed (active group, offset outside the topic…). */
  refused: 4,
  /** The audit record could not be written: the operation did not run (or, if it says so, ran unrecorded). */
  audit: 5,
  /** Kafka could not be reached or failed the request. */
  kafka: 6,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

export const EXIT_CODES_HELP = `
Exit codes:
  0  done (a dry run included)
  1  unexpected error
  2  bad command line
  3  bad environment (the message names the variable)
  4  refused by a guard; nothing changed
  5  audit record could not be written; the operation did not run
  6  Kafka unreachable or failed the request`;
