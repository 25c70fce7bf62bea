import { z } from 'zod';
import { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;

/**
 * Validates environment variables against a zod object whose keys are the variable names, so that a
 * failure can name the variable. Empty strings count as unset: `FOO=` in a shell means "no value".
 */
export function parseConfig<Shape extends z.ZodRawShape>(
  service: string,
  shape: Shape,
  env: Env = process.env,
): z.infer<z.ZodObject<Shape>> {
  const input: Env = {};
  for (const name of Object.keys(shape)) {
    const value = env[name];
    input[name] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const result = z.object(shape).safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    service,
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? '(unknown)'),
      message: issue.message,
    })),
  );
}

/** A TCP port given as a string, with a default. */
export const portVariable = (defaultPort: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be an integer')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(defaultPort);

/** A comma-separated list ("a, b ,c") as a trimmed array without empty items. */
export const csvVariable = () =>
  z.string().transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

/** "true"/"false"/"1"/"0" as a boolean, with a default. */
export const booleanVariable = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .transform((value) => value === 'true' || value === '1')
    .default(defaultValue);
