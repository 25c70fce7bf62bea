import { z } from 'zod';
import { ContractViolationError } from '../shared/contract-violation-error';
import type { EventContract, UnknownProviderEvent } from '../shared/event-contract';
import { parseWith } from '../shared/parse-with';
import { isRecord } from '../shared/safe-id';
import { creditchekInsightFailureDataSchema } from './income-insight-failure.schema';
import {
  type CreditChekInsight,
  type CreditChekInsightFailed,
  type CreditChekInsightRecordForm,
  creditchekInsightFailedSchema,
  creditchekInsightRecordFormSchema,
  creditchekInsightSchema,
} from './income-insight.schema';
import {
  type CreditChekIncomeTransactionData,
  creditchekIncomeTransactionDataSchema,
} from './income-transaction.schema';
import { type CreditChekPdfUploadData, creditchekPdfUploadDataSchema } from './pdf-upload.schema';
import type { CreditChekInsightFailureData } from './income-insight-failure.schema';

// CreditChek envelope: { "event": "<name>", "data": { ... } }.

function envelope<N extends string, D extends z.ZodType>(name: N, data: D, description: string) {
  return z.looseObject({ event: z.literal(name), data }).meta({ title: `creditchek ${name}`, description });
}

export const creditchekPdfUploadSchema = envelope(
  'pdf_upload',
  creditchekPdfUploadDataSchema,
  'A statement PDF was uploaded successfully.',
);
export const creditchekIncomeTransactionSchema = envelope(
  'income_transaction',
  creditchekIncomeTransactionDataSchema,
  'Transactions parsed from a statement (if enabled on the dashboard).',
);
export const creditchekIncomeInsightFlatSchema = envelope(
  'income_insight',
  creditchekInsightSchema,
  'Income insight, flat form.',
);
export const creditchekIncomeInsightRecordSchema = envelope(
  'income_insight',
  creditchekInsightRecordFormSchema,
  'Income insight, id + record form.',
);
export const creditchekIncomeInsightFailedSchema = envelope(
  'income_insight',
  creditchekInsightFailedSchema,
  'Income insight with success: false: analysis failed for that account.',
);
export const creditchekIncomeInsightSchema = z
  .union([
    creditchekIncomeInsightFlatSchema,
    creditchekIncomeInsightRecordSchema,
    creditchekIncomeInsightFailedSchema,
  ])
  .meta({
    title: 'creditchek income_insight',
    description: 'Insight gathered from the statement: flat form, id + record form, or success: false.',
  });
export const creditchekIncomeInsightFailureSchema = envelope(
  'income_insight_failure',
  creditchekInsightFailureDataSchema,
  'CreditChek failed to analyse the statement.',
);

export const CREDITCHEK_EVENT_NAMES = [
  'pdf_upload',
  'income_transaction',
  'income_insight',
  'income_insight_failure',
] as const;
export type CreditChekEventName = (typeof CREDITCHEK_EVENT_NAMES)[number];

export function isCreditChekEventName(name: string): name is CreditChekEventName {
  return (CREDITCHEK_EVENT_NAMES as readonly string[]).includes(name);
}

interface Base {
  provider: 'creditchek';
  known: true;
}
export type CreditChekKnownEvent =
  | (Base & { eventName: 'pdf_upload'; data: CreditChekPdfUploadData })
  | (Base & { eventName: 'income_transaction'; data: CreditChekIncomeTransactionData })
  | (Base & { eventName: 'income_insight'; form: 'flat'; data: CreditChekInsight })
  | (Base & { eventName: 'income_insight'; form: 'record'; data: CreditChekInsightRecordForm })
  | (Base & { eventName: 'income_insight'; form: 'failed'; data: CreditChekInsightFailed })
  | (Base & { eventName: 'income_insight_failure'; data: CreditChekInsightFailureData });

export type CreditChekEvent = CreditChekKnownEvent | UnknownProviderEvent<'creditchek'>;

/** The insight fields whatever the form (undefined for the failed form). */
export function creditchekInsightOf(event: CreditChekKnownEvent): CreditChekInsight | undefined {
  if (event.eventName !== 'income_insight') return undefined;
  if (event.form === 'flat') return event.data;
  if (event.form === 'record') return event.data.record;
  return undefined;
}

function dataOf<S extends z.ZodType>(
  schema: S,
  body: unknown,
  context: string,
): z.output<S> extends { data: infer D } ? D : never {
  return (parseWith(schema, body, context) as { data: never }).data;
}

/**
 * Typed CreditChek event. Unknown event names give `{ known: false }`; a known event whose required
 * fields are invalid throws ContractViolationError naming the field paths.
 */
export function parseCreditChekEvent(body: unknown): CreditChekEvent {
  const base = { provider: 'creditchek', known: true } as const;
  if (!isRecord(body))
    throw new ContractViolationError([{ path: '', message: 'expected a JSON object' }], 'creditchek');
  const eventName = body.event;
  if (typeof eventName !== 'string') {
    throw new ContractViolationError([{ path: 'event', message: 'expected string' }], 'creditchek');
  }
  const context = `creditchek ${eventName}`;
  switch (eventName) {
    case 'pdf_upload':
      return { ...base, eventName, data: dataOf(creditchekPdfUploadSchema, body, context) };
    case 'income_transaction':
      return { ...base, eventName, data: dataOf(creditchekIncomeTransactionSchema, body, context) };
    case 'income_insight': {
      // Pick the form first so that errors name the fields of that form, not a union's failure.
      const data = body.data;
      if (isRecord(data) && data.success === false) {
        return {
          ...base,
          eventName,
          form: 'failed',
          data: dataOf(creditchekIncomeInsightFailedSchema, body, context),
        };
      }
      if (isRecord(data) && data.record !== undefined) {
        return {
          ...base,
          eventName,
          form: 'record',
          data: dataOf(creditchekIncomeInsightRecordSchema, body, context),
        };
      }
      return {
        ...base,
        eventName,
        form: 'flat',
        data: dataOf(creditchekIncomeInsightFlatSchema, body, context),
      };
    }
    case 'income_insight_failure':
      return { ...base, eventName, data: dataOf(creditchekIncomeInsightFailureSchema, body, context) };
    default:
      return { provider: 'creditchek', known: false, eventName, body };
  }
}

const KEY =
  'borrower:<borrowerId> (data.borrowerId, or data.record.borrowerId), else app:<appId>, else insight:<id>';

export const CREDITCHEK_EVENT_CONTRACTS: readonly EventContract[] = [
  { eventName: 'pdf_upload', schema: creditchekPdfUploadSchema },
  { eventName: 'income_transaction', schema: creditchekIncomeTransactionSchema },
  { eventName: 'income_insight', schema: creditchekIncomeInsightSchema },
  { eventName: 'income_insight_failure', schema: creditchekIncomeInsightFailureSchema },
].map(({ eventName, schema }) => ({
  provider: 'creditchek' as const,
  eventName,
  summary: schema.meta()?.description ?? eventName,
  schema,
  key: KEY,
  subject: 'same as the key',
}));
