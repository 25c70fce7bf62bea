/**
 * Fields that must never reach a log line: credentials and the personal data the providers send
 * (BVN, account numbers, names, e-mails, phones, addresses, the crawler seed). Paths are pino redact
 * paths; `*` matches one level, so each name is listed at the top level and one or two levels down.
 */
const SENSITIVE_KEYS = [
  'authorization',
  'password',
  'secret',
  'secrets',
  'token',
  'seed',
  'bvn',
  'accountNumber',
  'account_number',
  'number',
  'bsb',
  'full_name',
  'fullName',
  'name',
  'first_name',
  'last_name',
  'email',
  'mobile',
  'phone',
  'phoneNumber',
  'address',
  'x-auth-signature',
  'bridgeapi-signature',
  'webhook-signature',
  'cookie',
];

export const REDACT_PATHS: readonly string[] = SENSITIVE_KEYS.flatMap((key) => {
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) => (safe.startsWith('[') ? `${prefix}${safe}` : `${prefix}.${safe}`);
  return [safe.startsWith('[') ? `${safe}` : safe, join('*'), join('*.*'), join('*.*.*')];
});
