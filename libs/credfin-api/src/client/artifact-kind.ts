/** What can be collected from Credfin once its webhook says it is ready. */
export const ARTIFACT_KINDS = [
  'application-report',
  'analysis-report',
  'analysis-pdf',
  'analysis-html',
  'summary-pdf',
  'summary-html',
  'bundle',
] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** Per account (an analysis) or per application. */
export type ArtifactRef =
  | { kind: 'analysis-report' | 'analysis-pdf' | 'analysis-html'; analysisId: string }
  | { kind: 'application-report' | 'summary-pdf' | 'summary-html' | 'bundle'; applicationId: string };
