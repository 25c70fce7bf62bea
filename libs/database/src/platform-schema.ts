import { InboxEntry } from './inbox/inbox-entry.entity';
import { CreatePlatformInbox1795363200000 } from './migrations/1795363200000-create-platform-inbox';
import { CreatePlatformOutbox1795363300000 } from './migrations/1795363300000-create-platform-outbox';
import { OutboxEntry } from './outbox/outbox-entry.entity';
import { OutboxRelayLease } from './outbox/outbox-relay-lease.entity';
import { OutboxRelayLease1795363400000 } from './migrations/1795363400000-outbox-relay-lease';

/** What every consumer service adds to its own entity and migration lists. */
export const PLATFORM_ENTITIES = [InboxEntry, OutboxEntry, OutboxRelayLease] as const;
export const PLATFORM_MIGRATIONS = [
  CreatePlatformInbox1795363200000,
  CreatePlatformOutbox1795363300000,
  OutboxRelayLease1795363400000,
] as const;
