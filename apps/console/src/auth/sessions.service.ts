import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { ConsoleConfig } from '../config/console.config';
import type { Operator } from './operator.entity';
import { Session } from './session.entity';

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Sessions in PostgreSQL: a random cookie token, stored hashed, with its CSRF token and expiry. */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  /** A new session for `operator`; returns the cookie token (shown once, never stored as is). */
  async open(operator: Operator): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const repository = this.dataSource.getRepository(Session);
    // Expired sessions are swept on each login: no timer, and the table stays as small as its users.
    await repository.delete({ expiresAt: LessThan(new Date()) });
    const session = repository.create({
      tokenHash: hashOf(token),
      username: operator.username,
      role: operator.role,
      csrfToken: randomBytes(24).toString('base64url'),
      expiresAt: new Date(Date.now() + this.config.sessionTtlMs),
    });
    await repository.insert(session);
    return { token, session };
  }

  /** The live session of a cookie token, else undefined. */
  async find(token: string): Promise<Session | undefined> {
    const session = await this.dataSource.getRepository(Session).findOneBy({ tokenHash: hashOf(token) });
    return session && session.expiresAt.getTime() > Date.now() ? session : undefined;
  }

  async close(token: string): Promise<void> {
    await this.dataSource.getRepository(Session).delete({ tokenHash: hashOf(token) });
  }
}
