import { type AccountRefs, accountRefKeyVariable } from '@ledgerhook/contracts';
import { type CreditChekApiConfig, loadCreditChekApiConfig } from '@ledgerhook/creditchek-api';
import { booleanVariable, parseConfig } from '@ledgerhook/platform';
import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** A duration written `<n>ms`, `<n>s`, `<n>m` or `<n>h`, between `min` and `max` milliseconds. */
const durationVariable = (fallback: string, min: number, max: number) =>
  z
    .string()
    .default(fallback)
    .transform((text, context) => {
      const match = /^(\d{1,9})(ms|s|m|h)$/.exec(text.trim());
      const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : Number.NaN;
      if (!(ms >= min && ms <= max)) {
        context.addIssue({
          code: 'custom',
          message: `must be a duration such as ${fallback} (ms, s, m or h) between ${min / 1000} s and ${max / 3_600_000} h`,
        });
        return z.NEVER;
      }
      return ms;
    });

export interface ReconciliationConfig {
  /** An upload with no insight or failure this long after it is reconciled. */
  afterMs: number;
  /** How often the reconciler looks. */
  intervalMs: number;
  /** Borrowers fetched per run at most. */
  batchSize: number;
  creditchekApi: CreditChekApiConfig;
  /** What the records it publishes are keyed by, as the ingress keys them (ACCOUNT_REF_KEY). */
  accountRefs: AccountRefs;
}

/**
 * The reconciler's settings, or undefined when CREDITCHEK_RECONCILE is false. On (the default), it
 * needs CreditChek's API (CREDITCHEK_API_*, the token required): a single-shot webhook that never came
 * is otherwise lost, so a missing token fails the boot rather than silently reconciling nothing.
 */
export function loadReconciliationConfig(
  service: string,
  env: Record<string, string | undefined> = process.env,
): ReconciliationConfig | undefined {
  const parsed = parseConfig(
    service,
    {
      CREDITCHEK_RECONCILE: booleanVariable(true),
      CREDITCHEK_RECONCILE_AFTER: durationVariable('30m', 1_000, 7 * 24 * 3_600_000),
      CREDITCHEK_RECONCILE_INTERVAL: durationVariable('1m', 100, 24 * 3_600_000),
      CREDITCHEK_RECONCILE_BATCH: z.coerce
        .number({ error: 'must be a number' })
        .int('must be a whole number')
        .min(1, 'must be between 1 and 1000')
        .max(1000, 'must be between 1 and 1000')
        .default(50),
    },
    env,
  );
  if (!parsed.CREDITCHEK_RECONCILE) return undefined;
  const { ACCOUNT_REF_KEY } = parseConfig(service, { ACCOUNT_REF_KEY: accountRefKeyVariable() }, env);
  return {
    afterMs: parsed.CREDITCHEK_RECONCILE_AFTER,
    intervalMs: parsed.CREDITCHEK_RECONCILE_INTERVAL,
    batchSize: parsed.CREDITCHEK_RECONCILE_BATCH,
    creditchekApi: loadCreditChekApiConfig(service, env),
    accountRefs: ACCOUNT_REF_KEY,
  };
}
