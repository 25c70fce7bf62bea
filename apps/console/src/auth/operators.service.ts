import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { ConsoleConfig } from '../config/console.config';
import { Operator } from './operator.entity';
import type { Role } from './role';

// bcrypt's cost: ~100 ms a hash on one core, which bounds password guessing without slowing a login.
const BCRYPT_COST = 11;
// Compared against when the user does not exist, so an unknown name costs the same time as a known one.
const ABSENT_HASH = bcrypt.hashSync('no such operator', BCRYPT_COST);

/** The console's operators: created with a hashed password, checked at login. */
@Injectable()
export class OperatorsService implements OnApplicationBootstrap {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  /** CONSOLE_ADMIN_USER becomes an operator the first time; an existing one is left as it is. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (admin) await this.create(admin.username, admin.password, 'operator', { ifAbsent: true });
  }

  async create(username: string, password: string, role: Role, options = { ifAbsent: false }): Promise<void> {
    const hash = await bcrypt.hash(password, BCRYPT_COST);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(Operator)
      .values({ username, passwordHash: hash, role, createdAt: new Date() })
      .orIgnore(options.ifAbsent)
      .execute();
  }

  /** The operator when the password matches, else undefined (same work either way). */
  async verify(username: string, password: string): Promise<Operator | undefined> {
    const operator = await this.dataSource.getRepository(Operator).findOneBy({ username });
    const matches = await bcrypt.compare(password, operator?.passwordHash ?? ABSENT_HASH);
    return operator && matches ? operator : undefined;
  }
}
