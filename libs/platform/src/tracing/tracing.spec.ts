import { startEventSpan } from './event-span';
import { tracingEnabled } from './start-tracing';

describe('tracing switch', () => {
  it('is on only when an OTLP endpoint is named and the SDK is not disabled', () => {
    expect(tracingEnabled({})).toBe(false);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(
      true,
    );
    expect(
      tracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: ' TRUE ' }),
    ).toBe(false);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'false' })).toBe(
      true,
    );
  });
});

describe('an event span with tracing off', () => {
  it("hands the event's own traceparent on, so records keep the provider's trace", () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const span = startEventSpan('projector process webhooks.credfin.v1', parent, {
      'messaging.system': 'kafka',
    });
    expect(span.traceparent).toBe(parent);
    span.end(new Error('ignored without an SDK'));
  });
});
