export { ARTIFACT_KINDS, type ArtifactKind, type ArtifactRef } from './client/artifact-kind';
export { CredfinApiClient, type FetchedArtifact } from './client/credfin-api.client';
export { CredfinRejectedError, CredfinUnavailableError } from './client/credfin-api.errors';
export { type CredfinApiConfig, loadCredfinApiConfig } from './config/credfin-api.config';
export { CREDFIN_CONTENT_TYPE, credfinAuthHeaders, type CredfinToken } from './signing/hmac-signer';
