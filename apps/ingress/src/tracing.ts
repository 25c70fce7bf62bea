// Imported first by main.ts: the instrumentation must be in place before express, pg and kafkajs load.
import { startTracing } from '@ledgerhook/platform/tracing';

startTracing('ingress');
