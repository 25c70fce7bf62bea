// Public API of @ledgerhook/operations: what the ops CLI (and later the console) run against Kafka.
export type { ProgressListener } from './progress';
export { OperationRefusedError } from './errors/operation-refused.error';
export { AuditUnavailableError } from './errors/audit-unavailable.error';
export { inventoryTopics, type TopicReport } from './topics/topic-inventory';
export { type GroupMember, nameMembers } from './groups/group-members';
export { inventoryGroups, type GroupReport, type PartitionLag } from './groups/group-inventory';
export type { ReplayRequest, ReplayStart } from './replay/replay-request';
export type { PartitionReplay } from './replay/partition-replay';
export { planReplay, type ReplayPlan } from './replay/replay-planner';
export { executeReplay, type ReplayOutcome } from './replay/replay-executor';
export { type AuditIdentity, OpsAuditWriter } from './audit/ops-audit.writer';
// For the operations to come (rebuild): the same started / outcome pair around them.
export { type AuditedOutcome, runAudited } from './audit/audited-run';
export {
  type DeadLetterDetail,
  type DeadLetterView,
  detailOf,
  readDeadLetters,
  viewOf,
} from './dead-letters/dead-letter-inventory';
export { markerGroupId, readMarker } from './dead-letters/dead-letter-marker';
export { REDRIVEN_AT_HEADER } from './dead-letters/retry-sender';
export {
  executeRedrive,
  planRedrive,
  type RedriveOutcome,
  type RedrivePlan,
  type RedriveRequest,
  selectDeadLetters,
} from './dead-letters/dead-letter-redrive';
export {
  executePurge,
  planPurge,
  type PurgeOutcome,
  type PurgePlan,
  type PurgeRequest,
} from './dead-letters/dead-letter-purge';
export { findRawEvent, RAW_TOPIC_PATTERN } from './republish/raw-event-finder';
export {
  executeRepublish,
  planRepublish,
  type RepublishPlan,
  type RepublishRequest,
} from './republish/raw-event-republish';
export {
  REBUILDABLE_PROJECTIONS,
  rebuildableProjection,
  type RebuildableProjection,
} from './rebuild/rebuildable-projection';
export { schemaChecksums, type TableChecksum, type TableComparison } from './rebuild/schema-checksums';
export {
  executeRebuild,
  planRebuild,
  type RebuildOutcome,
  type RebuildPlan,
  type RebuildRequest,
  type ShadowSpec,
  type ShadowStarter,
} from './rebuild/rebuild-executor';
