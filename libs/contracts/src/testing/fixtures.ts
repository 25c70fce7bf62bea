import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROVIDERS, type Provider } from '../provider';

// Test fixtures: `<provider>/fixtures/*.json`. Files without `.constructed` are the seed documents'
// example payloads (reformatted by prettier; content unchanged). `*.constructed.json` are built from
// ../shared/providers.md or the providers' public docs for events the seeds show no example of.
export interface Fixture {
  provider: Provider;
  file: string;
  fromSeed: boolean;
  raw: Buffer;
  body: Record<string, unknown>;
}

export function loadFixtures(provider?: Provider): Fixture[] {
  return (provider ? [provider] : PROVIDERS).flatMap((p) => {
    const dir = path.join(__dirname, '..', p, 'fixtures');
    return readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => {
        const raw = readFileSync(path.join(dir, file));
        return {
          provider: p,
          file,
          fromSeed: !file.includes('.constructed'),
          raw,
          body: JSON.parse(raw.toString('utf8')),
        };
      });
  });
}

export function loadFixture(provider: Provider, file: string): Fixture {
  const fixture = loadFixtures(provider).find((f) => f.file === file);
  if (!fixture) throw new Error(`no fixture ${provider}/${file}`);
  return fixture;
}

/** A deep copy of a fixture body, for negative cases. */
export function cloneBody(provider: Provider, file: string): Record<string, unknown> {
  return structuredClone(loadFixture(provider, file).body);
}
