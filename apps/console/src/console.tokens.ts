/** The validated ConsoleConfig, for injection. */
export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');
