export { ConfigError } from './config/config-error';
export { booleanVariable, csvVariable, parseConfig, portVariable } from './config/parse-config';
export { createLogger, type Logger } from './logging/logger';
export { NestPinoLogger } from './logging/nest-logger';
export { LoggingModule, SERVICE_LOGGER } from './logging/logging.module';
export { REDACT_PATHS } from './logging/redaction';
export { HealthController } from './health/health.controller';
export { HealthModule } from './health/health.module';
export {
  ReadinessRegistry,
  type ReadinessCheck,
  type ReadinessReport,
  type ReadinessResult,
} from './health/readiness.registry';
export { MetricsListener } from './metrics/metrics.listener';
export { MetricsModule } from './metrics/metrics.module';
export { MetricsRegistry } from './metrics/metrics.registry';
export { bootstrapService, type ServiceBootstrapOptions } from './bootstrap/bootstrap-service';
export { runService } from './bootstrap/run-service';
export { ConnectionDrain, IDLE_GRACE_MS } from './bootstrap/connection-drain';
export { type ListenConfig, loadListenConfig } from './bootstrap/listen-config';
export { platformImports } from './bootstrap/platform-imports';
export { PUBLIC_ROUTE, PublicRoute, RequireScopes } from './auth/public-route.decorator';
export { callerOf, READ_API_TOKENS, ReadApiGuard } from './auth/read-api.guard';
export { ReadApiAuthModule } from './auth/read-api-auth.module';
export { loadReadApiAuthConfig, type ReadApiAuthConfig } from './auth/read-api-auth.config';
export { type OidcConfig, OidcTokenRefused, OidcVerifier } from './auth/oidc-verifier';
export {
  PII_SCOPE,
  READ_SCOPE,
  type ReadApiCaller,
  type ReadApiToken,
  readApiTokensVariable,
} from './auth/read-api-tokens';
export { MASKED, maskAccountNumber, maskDeep } from './pii/pii-mask';
export { PiiDisclosure, type PiiPolicy, type PiiReadAudit } from './pii/pii-read.auditor';
