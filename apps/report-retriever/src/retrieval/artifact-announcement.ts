import type { OutboxMessage } from '@ledgerhook/consumer';
import { buildCloudEventHeaders, reportSchema, TOPICS } from '@ledgerhook/contracts';
import type { StoredArtifact } from '../artifacts/artifact-store';

export const ARTIFACT_SOURCE = 'report-retriever';
export const ARTIFACT_STORED_EVENT = 'artifact.stored';

/** The lending.reports.v1 record of a newly stored artifact, validated against its schema. */
export function artifactAnnouncement(artifact: StoredArtifact, traceparent?: string): OutboxMessage {
  const value = reportSchema.parse({
    provider: artifact.provider,
    artifactId: artifact.id,
    applicationId: artifact.applicationId,
    ...(artifact.vendorSpecificId ? { vendorSpecificId: artifact.vendorSpecificId } : {}),
    ...(artifact.analysisId ? { analysisId: artifact.analysisId } : {}),
    ...(artifact.accountRef ? { accountRef: artifact.accountRef } : {}),
    ...(artifact.accountLast4 ? { accountLast4: artifact.accountLast4 } : {}),
    kind: artifact.kind,
    contentType: artifact.contentType,
    sha256: artifact.sha256,
    sizeBytes: artifact.sizeBytes,
    fetchedAt: artifact.fetchedAt.toISOString(),
    link: `/artifacts/${artifact.id}`,
    sourceCeId: artifact.sourceCeId,
  });
  const subject = `artifact:${artifact.id}`;
  return {
    topic: TOPICS.reports,
    key: artifact.applicationId,
    value: JSON.stringify(value),
    headers: buildCloudEventHeaders({
      source: ARTIFACT_SOURCE,
      eventName: ARTIFACT_STORED_EVENT,
      subject,
      dedupKey: `${ARTIFACT_SOURCE}:${ARTIFACT_STORED_EVENT}:${subject}`,
      receivedAt: artifact.fetchedAt,
      contentType: 'application/json',
      ...(traceparent ? { traceparent } : {}),
    }),
  };
}
