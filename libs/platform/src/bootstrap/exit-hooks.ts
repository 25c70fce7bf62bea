// Work that must finish before a service's process exits, after the app has closed (exporting the
// last trace spans, say). A plain list rather than Nest hooks: what registers may run before Nest.
const hooks: (() => Promise<void>)[] = [];

export function beforeProcessExit(hook: () => Promise<void>): void {
  hooks.push(hook);
}

export async function runExitHooks(): Promise<void> {
  await Promise.all(hooks.map((hook) => hook().catch(() => undefined)));
}
