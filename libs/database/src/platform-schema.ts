import { InboxEntry } from './inbox/inbox-entry.entity';
import { CreatePlatformInbox1795363200000 } from './migrations/1795363200000-create-platform-inbox';

/** What every consumer service adds to its own entity and migration lists. */
export const PLATFORM_ENTITIES = [InboxEntry] as const;
export const PLATFORM_MIGRATIONS = [CreatePlatformInbox1795363200000] as const;
