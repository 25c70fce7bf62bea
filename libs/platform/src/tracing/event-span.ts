import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

// The platform's trace context travels in the CloudEvents header `ce_traceparent` (W3C format): the
// ingress writes its request span's context there, each consumer continues it in a span of its own
// and hands that span's context on to the records it publishes, so one trace runs from the
// provider's request to `lending.*`. Without an SDK (tracing off) the API is a no-op and a child
// "span" is its parent's context, so the same header passes through unchanged.

const w3c = new W3CTraceContextPropagator();
const tracer = () => trace.getTracer('ledgerhook');

const toTraceparent = (span: Span): string | undefined => {
  const carrier: Record<string, string> = {};
  w3c.inject(trace.setSpan(context.active(), span), carrier, {
    set: (target, key, value) => (target[key] = value),
  });
  return carrier['traceparent'];
};

/** The traceparent of the active span (the HTTP request's, when tracing is on), else undefined. */
export function activeTraceparent(): string | undefined {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? toTraceparent(span) : undefined;
}

export interface EventSpan {
  /** This span's context as a traceparent: what the event's effects carry on. */
  readonly traceparent: string;
  end(error?: unknown): void;
}

/** A span for handling one event, child of the context its `ce_traceparent` names. */
export function startEventSpan(
  name: string,
  parentTraceparent: string,
  attributes: Record<string, string | number>,
): EventSpan {
  const parent = w3c.extract(
    context.active(),
    { traceparent: parentTraceparent },
    {
      get: (carrier, key) => carrier[key as keyof typeof carrier],
      keys: (carrier) => Object.keys(carrier),
    },
  );
  const span = tracer().startSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent);
  return {
    traceparent: toTraceparent(span) ?? parentTraceparent,
    end(error?: unknown) {
      if (error !== undefined) {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.name : 'failed',
        });
      }
      span.end();
    },
  };
}
