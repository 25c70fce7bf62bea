// Loaded first by every app (before express, pg and kafkajs), so only OpenTelemetry is imported here.
export { activeTraceparent, type EventSpan, startEventSpan } from './event-span';
export { startTracing, stopTracing, tracingEnabled } from './start-tracing';
