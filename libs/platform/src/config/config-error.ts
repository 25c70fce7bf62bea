/** Thrown at boot when the environment is invalid; its message names every offending variable. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: readonly { variable: string; message: string }[],
  ) {
    super(
      `Invalid configuration for ${service}:\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n') +
        '\nSet or fix these environment variables (see the configuration table in README.md) and start again.',
    );
    this.name = 'ConfigError';
  }
}
