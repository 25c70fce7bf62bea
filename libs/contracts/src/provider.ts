/** The providers the platform has typed contracts for. Generic sources have raw topics but no schemas. */
export type Provider = 'credfin' | 'creditchek' | 'bridge';

export const PROVIDERS: readonly Provider[] = Object.freeze(['credfin', 'creditchek', 'bridge'] as const);

export function isProvider(value: unknown): value is Provider {
  return typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value);
}
