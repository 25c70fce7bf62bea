import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PiiDisclosure } from '../pii/pii-read.auditor';
import { READ_API_TOKENS, ReadApiGuard } from './read-api.guard';
import type { ReadApiToken } from './read-api-tokens';

/**
 * Puts every HTTP route of the service behind ReadApiGuard (bearer tokens from READ_API_TOKENS), and
 * gives its controllers PiiDisclosure (personal data only with pii:read, every such read audited).
 */
@Module({})
export class ReadApiAuthModule {
  static forService(tokens: readonly ReadApiToken[]): DynamicModule {
    return {
      module: ReadApiAuthModule,
      providers: [
        { provide: READ_API_TOKENS, useValue: tokens },
        { provide: APP_GUARD, useClass: ReadApiGuard },
        PiiDisclosure,
      ],
      exports: [PiiDisclosure],
    };
  }
}
