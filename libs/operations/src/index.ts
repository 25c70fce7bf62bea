// Public API of @ledgerhook/operations: what the ops CLI (and later the console) run against Kafka.
export type { ProgressListener } from './progress';
export { OperationRefusedError } from './errors/operation-refused.error';
export { AuditUnavailableError } from './errors/audit-unavailable.error';
export { inventoryTopics, type TopicReport } from './topics/topic-inventory';
export { type GroupMember, groupMembers, nameMembers } from './groups/group-members';
export { inventoryGroups, type GroupReport, type PartitionLag } from './groups/group-inventory';
export { describeReplayRequest, type ReplayRequest, type ReplayStart } from './replay/replay-request';
export { type PartitionReplay, planPartitionReplay } from './replay/partition-replay';
export { planReplay, type ReplayPlan } from './replay/replay-planner';
export { executeReplay, type ReplayOutcome } from './replay/replay-executor';
export { type AuditEntry, type AuditIdentity, OpsAuditWriter } from './audit/ops-audit.writer';
export { type AuditedOutcome, runAudited } from './audit/audited-run';
