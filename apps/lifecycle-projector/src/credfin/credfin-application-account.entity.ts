import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { merge, Merged } from '../merge/merged.decorator';

/** Which accounts an application named (object-form account lists carry the application id). */
@Entity({ name: 'credfin_application_account' })
export class CredfinApplicationAccount {
  @PrimaryColumn({
    name: 'application_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_credfin_application_account',
  })
  applicationId!: string;

  @Index('ix_credfin_application_account_account_ref')
  @PrimaryColumn({
    name: 'account_ref',
    type: 'text',
    primaryKeyConstraintName: 'pk_credfin_application_account',
  })
  accountRef!: string;

  @Column({ name: 'linked_at', type: 'timestamptz' })
  @Merged(merge.least)
  linkedAt!: Date;
}
