import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from './role';

/**
 * A signed-in browser. The cookie carries a random token; only its SHA-256 is stored, so a read of
 * this table cannot be replayed as a login. `csrfToken` is the synchronizer token every form posts.
 */
@Entity({ schema: 'console', name: 'session' })
export class Session {
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'csrf_token', type: 'text' })
  csrfToken!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
