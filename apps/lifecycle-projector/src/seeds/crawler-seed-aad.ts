/** The AAD that binds a sealed seed to its row. */
export function crawlerSeedAad(applicationId: string, ceId: string): string {
  return `crawler-seed:${applicationId}:${ceId}`;
}
