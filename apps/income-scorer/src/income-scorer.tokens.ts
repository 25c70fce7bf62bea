/** Injection token of the service's IncomeScorerConfig. */
export const INCOME_SCORER_CONFIG = Symbol('INCOME_SCORER_CONFIG');
