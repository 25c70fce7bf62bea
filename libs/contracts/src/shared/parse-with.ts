import type { z } from 'zod';
import { ContractViolationError } from './contract-violation-error';

/** Parses with a zod schema and turns failures into a ContractViolationError that names field paths. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, context?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw ContractViolationError.fromZod(result.error, context);
  return result.data;
}
