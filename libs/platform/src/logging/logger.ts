import pino, { type DestinationStream, type Logger } from 'pino';
import { REDACT_PATHS } from './redaction';

export type { Logger } from 'pino';

/**
 * One JSON logger per service; sensitive fields are replaced by "[redacted]" before writing. Services
 * log to stdout; a command-line tool passes stderr, keeping stdout for its output.
 */
export function createLogger(
  service: string,
  level = process.env['LOG_LEVEL'] ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options = {
    level,
    base: { service },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
