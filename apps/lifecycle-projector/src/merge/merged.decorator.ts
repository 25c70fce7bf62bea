import type { MergeRule } from './table-spec';

const rules = new WeakMap<object, Map<string, MergeRule>>();

/**
 * How a projected column merges a new fact with the stored one (see merge-upsert.ts), declared on the
 * entity property next to its `@Column`. Primary columns need none: they are the conflict key.
 */
export function Merged(rule: MergeRule): PropertyDecorator {
  return (prototype, property) => {
    const byProperty = rules.get(prototype.constructor) ?? new Map<string, MergeRule>();
    byProperty.set(String(property), rule);
    rules.set(prototype.constructor, byProperty);
  };
}

export function mergeRuleOf(entity: object, property: string): MergeRule | undefined {
  return rules.get(entity)?.get(property);
}

/** The rules, by name, for `@Merged(...)`. */
export const merge = {
  least: { kind: 'least' },
  greatest: { kind: 'greatest' },
  first: { kind: 'first' },
  sum: { kind: 'sum' },
  newest: (keyColumn: string): MergeRule => ({ kind: 'newest', keyColumn }),
} as const satisfies Record<string, MergeRule | ((keyColumn: string) => MergeRule)>;
