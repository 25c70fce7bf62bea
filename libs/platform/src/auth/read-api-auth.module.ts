import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PiiDisclosure } from '../pii/pii-read.auditor';
import { OidcVerifier } from './oidc-verifier';
import type { ReadApiAuthConfig } from './read-api-auth.config';
import { READ_API_TOKENS, ReadApiGuard } from './read-api.guard';

/**
 * Puts every HTTP route of the service behind ReadApiGuard (service tokens from READ_API_TOKENS, JWTs
 * from OIDC_ISSUER_URL), and
 * gives its controllers PiiDisclosure (personal data only with pii:read, every such read audited).
 */
@Module({})
export class ReadApiAuthModule {
  static forService(config: ReadApiAuthConfig): DynamicModule {
    return {
      module: ReadApiAuthModule,
      providers: [
        { provide: READ_API_TOKENS, useValue: config.tokens },
        ...(config.oidc ? [{ provide: OidcVerifier, useValue: new OidcVerifier(config.oidc) }] : []),
        { provide: APP_GUARD, useClass: ReadApiGuard },
        PiiDisclosure,
      ],
      exports: [PiiDisclosure],
    };
  }
}
