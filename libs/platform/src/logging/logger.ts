import pino, { type Logger } from 'pino';
import { REDACT_PATHS } from './redaction';

export type { Logger } from 'pino';

/** One JSON logger per service; sensitive fields are replaced by "[redacted]" before writing. */
export function createLogger(service: string, level = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
