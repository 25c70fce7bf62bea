import { SetMetadata } from '@nestjs/common';
import type { Role } from './role';

export const REQUIRED_ROLE = 'console:required-role';
export const SIGNED_OUT_ROUTE = 'console:signed-out-route';

/** Only operators of this role (viewer: everyone signed in). */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** Open without a session (the login page, static assets). */
export const SignedOutRoute = () => SetMetadata(SIGNED_OUT_ROUTE, true);
