import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** An admin endpoint's body by its schema, or 400 naming each offending field. */
export function parseAdminBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new BadRequestException(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
    );
  return parsed.data;
}
