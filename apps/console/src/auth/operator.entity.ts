import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from './role';

/** A person who signs in to the console; the password only as a bcrypt hash. */
@Entity({ schema: 'console', name: 'operator' })
export class Operator {
  @PrimaryColumn({ type: 'text' })
  username!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
