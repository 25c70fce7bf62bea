import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { beforeProcessExit } from '../bootstrap/exit-hooks';

let sdk: NodeSDK | undefined;

/**
 * Tracing is on when an OTLP endpoint is named (the standard `OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) and `OTEL_SDK_DISABLED` is not `true`: off in `npm start`
 * and tests, on in the Kubernetes overlays, which name the collector.
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return false;
  return Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
}

/**
 * Starts OpenTelemetry for this process: HTTP, express, pg and kafkajs instrumented, spans exported
 * by OTLP as the `OTEL_*` variables say. Must run before those modules are loaded (each app's
 * `tracing.ts`, imported first by its main.ts), or their calls are not seen.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk || !tracingEnabled(env)) return Boolean(sdk);
  sdk = new NodeSDK({
    serviceName: env['OTEL_SERVICE_NAME'] || service,
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes every few seconds would bury the webhooks' traces.
        ignoreIncomingRequestHook: (request) => /^\/(healthz|readyz|metrics)\b/.test(request.url ?? ''),
      }),
      new ExpressInstrumentation(),
      new PgInstrumentation(),
      new KafkaJsInstrumentation(),
    ],
  });
  sdk.start();
  beforeProcessExit(stopTracing);
  return true;
}

/** Exports what is buffered and stops (the shutdown path, after the app closed). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown().catch(() => undefined);
}
