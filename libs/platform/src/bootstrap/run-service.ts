import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConfigError } from '../config/config-error';
import { createLogger } from '../logging/logger';

/**
 * The top of every main.ts: builds the logger, boots the service and turns a boot failure into one
 * clear line and exit code 1 (a ConfigError already names the variables to fix).
 */
export async function runService(
  service: string,
  boot: (logger: Logger) => Promise<INestApplication>,
): Promise<INestApplication | undefined> {
  const logger = createLogger(service);
  try {
    return await boot(logger);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      logger.fatal({ err: error }, `${service} failed to start: ${(error as Error).message}`);
    }
    process.exit(1);
  }
}
