import { z } from 'zod';
import { UUIDV7_PATTERN } from '../envelope/uuidv7';

// Value of ops.audit.v1 (key = operationId). Every executed operation writes a `started` record
// before it acts (and does not act if that write fails) and one outcome record after it.
export const OPS_AUDIT_STATUSES = ['started', 'succeeded', 'failed', 'refused'] as const;

export const opsAuditRecordSchema = z
  .object({
    operationId: z
      .string()
      .regex(UUIDV7_PATTERN)
      .meta({ description: 'UUIDv7, shared by the started and the outcome record of one operation' }),
    operation: z
      .string()
      .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/)
      .meta({ description: 'What was run, e.g. replay (later rebuild, dlq.redrive, dlq.purge, republish)' }),
    status: z.enum(OPS_AUDIT_STATUSES),
    actor: z
      .string()
      .min(1)
      .max(200)
      .meta({ description: 'Who ran it: LEDGERHOOK_OPERATOR, else the OS user running the tool' }),
    client: z.string().min(1).meta({ description: 'The tool that ran it, e.g. ledgerhook-cli' }),
    at: z.iso.datetime({ offset: true }).meta({ description: 'When this record was written' }),
    parameters: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The operation’s arguments (ids, topics, offsets, times; never personal data)' }),
    result: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'Outcome records: what changed, e.g. offsets before and after per partition' }),
    error: z.string().optional().meta({ description: 'failed / refused: why, as shown to the operator' }),
  })
  .meta({ title: 'ops.audit.v1', description: 'One step of an audited operation.' });

export type OpsAuditRecord = z.infer<typeof opsAuditRecordSchema>;
export type OpsAuditStatus = (typeof OPS_AUDIT_STATUSES)[number];
