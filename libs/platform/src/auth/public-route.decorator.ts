import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'ledgerhook:public-route';
export const REQUIRED_SCOPES = 'ledgerhook:required-scopes';

/** Open to anyone (health, readiness, metrics): the read-API guard lets it through. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

/** Scopes a caller needs beyond `read` (e.g. `pii:read`). */
export const RequireScopes = (...scopes: string[]) => SetMetadata(REQUIRED_SCOPES, scopes);
