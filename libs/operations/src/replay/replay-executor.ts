import type { Admin } from 'kafkajs';
import { runAudited } from '../audit/audited-run';
import type { OpsAuditWriter } from '../audit/ops-audit.writer';
import { OperationRefusedError } from '../errors/operation-refused.error';
import { nameMembers } from '../groups/group-members';
import type { ProgressListener } from '../progress';
import { planReplay, type ReplayPlan } from './replay-planner';
import { describeReplayRequest, type ReplayRequest } from './replay-request';

export interface ReplayOutcome {
  operationId: string;
  plan: ReplayPlan;
  /** Committed offsets before and after, per moved partition. */
  moved: Array<{ partition: number; before: string; after: string }>;
}

/**
 * Executes a replay, audited (operation `replay`): plans it afresh (the group may have moved since a
 * dry run), refuses while the group has active members, moves the committed offsets of the planned
 * partitions, and checks that the group now holds them.
 */
export async function executeReplay(
  admin: Admin,
  audit: OpsAuditWriter,
  request: ReplayRequest,
  onProgress: ProgressListener = () => undefined,
): Promise<ReplayOutcome> {
  const { operationId, value } = await runAudited(
    audit,
    'replay',
    describeReplayRequest(request),
    async () => {
      const plan = await planReplay(admin, request, onProgress);
      if (plan.members.length > 0)
        throw new OperationRefusedError(
          `group ${request.group} has ${plan.members.length} active member(s): ${nameMembers(plan.members)}. Stop the service (or scale it to 0) and run again`,
        );
      const moves = plan.partitions.filter((p) => p.action === 'move');
      if (moves.length === 0)
        throw new OperationRefusedError(
          `nothing to replay: no partition of ${request.topic} has records the group would read again (see the dry run)`,
        );
      try {
        await admin.setOffsets({
          groupId: request.group,
          topic: request.topic,
          partitions: moves.map((p) => ({ partition: p.partition, offset: String(p.target) })),
        });
      } catch (error) {
        // kafkajs checks the group again under its own join: a member started meanwhile.
        if (error instanceof Error && /no running instances/.test(error.message))
          throw new OperationRefusedError(
            `group ${request.group} became active while replaying (${error.message}); nothing was moved. Stop the service and run again`,
          );
        throw error;
      }
      const now = new Map(
        (
          (await admin.fetchOffsets({ groupId: request.group, topics: [request.topic] }))[0]?.partitions ?? []
        ).map(({ partition, offset }) => [partition, offset]),
      );
      const wrong = moves.filter((p) => now.get(p.partition) !== p.target);
      if (wrong.length > 0)
        throw new Error(
          `after the replay, partitions ${wrong.map((p) => `${p.partition} at ${now.get(p.partition)} (expected ${p.target})`).join(', ')}; check with \`ledgerhook groups --group ${request.group}\``,
        );
      const moved = moves.map((p) => ({
        partition: p.partition,
        before: String(p.committed),
        after: String(p.target),
      }));
      return { plan, moved };
    },
    ({ plan, moved }) => ({ partitions: moved, totalReRead: plan.totalReRead }),
  );
  return { operationId, ...value };
}
