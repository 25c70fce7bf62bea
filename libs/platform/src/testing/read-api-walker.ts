import { openApiRoutes } from './openapi-routes';

/** A read API to walk: its OpenAPI file, where it listens, and tokens of each kind. */
export interface ReadApiUnderTest {
  openapi: string;
  baseUrl: string;
  tokens: {
    /** read + pii:read */
    full: string;
    /** read only: personal data masked, routes needing pii:read refused */
    readOnly: string;
    /** pii:read without read: refused everywhere */
    withoutRead: string;
  };
  /** A concrete path for a template (`/applications/{id}` → `/applications/42`); else `{x}` → `x`. */
  paths?: Readonly<Record<string, string>>;
  /** Values that must show with pii:read and never without it on `x-personal-data: masked` routes. */
  personalData?: readonly string[];
}

/**
 * Calls every operation of a read API's OpenAPI file over real HTTP and returns what is wrong (empty when
 * all is well): an open route (`security: []`) must not ask for a token; any other answers 401 without a
 * token (and with a forged one), 403 with a token lacking one of its scopes; a `x-personal-data: masked`
 * route must answer 200 with the full token, showing every `personalData` value, and hide every one of
 * them from a read-only token. A route added to the file is walked without touching the test.
 */
export async function walkReadApi(api: ReadApiUnderTest): Promise<string[]> {
  const problems: string[] = [];
  const call = async (method: string, path: string, token?: string) => {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method: method.toUpperCase(),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: await response.text() };
  };
  for (const route of openApiRoutes(api.openapi)) {
    const name = `${route.method.toUpperCase()} ${route.path}`;
    const path = api.paths?.[route.path] ?? route.path.replace(/\{([^}]+)\}/g, '$1');
    const anonymous = await call(route.method, path);
    if (route.open) {
      if (anonymous.status === 401 || anonymous.status === 403)
        problems.push(`${name} is open but answered ${anonymous.status}`);
      continue;
    }
    if (!route.scopes.includes('read')) problems.push(`${name} does not document the read scope`);
    if (anonymous.status !== 401) problems.push(`${name} answered ${anonymous.status} without a token`);
    const forged = await call(route.method, path, `${api.tokens.full.slice(0, -1)}#`);
    if (forged.status !== 401) problems.push(`${name} answered ${forged.status} to a forged token`);
    const withoutRead = await call(route.method, path, api.tokens.withoutRead);
    if (withoutRead.status !== 403)
      problems.push(`${name} answered ${withoutRead.status} without the read scope`);
    const readOnly = await call(route.method, path, api.tokens.readOnly);
    if (route.scopes.includes('pii:read') && readOnly.status !== 403) {
      problems.push(`${name} answered ${readOnly.status} without the pii:read scope`);
    }
    if (!route.personalData) continue;
    const full = await call(route.method, path, api.tokens.full);
    if (full.status !== 200 || readOnly.status !== 200) {
      problems.push(`${name} (${path}) answered ${full.status}/${readOnly.status}: give it a path with data`);
      continue;
    }
    for (const value of api.personalData ?? []) {
      if (!full.body.includes(value)) problems.push(`${name} does not show ${value} with pii:read`);
      if (readOnly.body.includes(value)) problems.push(`${name} shows ${value} without pii:read`);
    }
  }
  return problems;
}
