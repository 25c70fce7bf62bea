import { OPS_AUDIT_TOPIC_SPEC, type OpsAuditRecord } from '@ledgerhook/contracts';
import { readBetween } from '@ledgerhook/kafka';
import type { Admin, Kafka } from 'kafkajs';
import { tailOffsets } from '../deliveries/tail-offsets';

/** The last `limit` records of ops.audit.v1 (per partition), newest first. */
export async function readAuditLog(kafka: Kafka, admin: Admin, limit: number): Promise<OpsAuditRecord[]> {
  const topic = OPS_AUDIT_TOPIC_SPEC.name;
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) return [];
  const { from, to } = await tailOffsets(admin, topic, limit);
  const records = await readBetween(kafka, topic, from, to);
  return records
    .map((record) => JSON.parse(record.value?.toString('utf8') ?? 'null') as OpsAuditRecord)
    .filter((record) => record !== null)
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit);
}
