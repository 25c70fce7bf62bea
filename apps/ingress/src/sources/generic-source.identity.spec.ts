import { buildCloudEventHeaders } from '@ledgerhook/contracts';
import { identifyGenericEvent } from './generic-source.identity';
import { genericSourceSchema } from './generic-sources.config';

const source = genericSourceSchema.parse({
  name: 'acme',
  verification: { method: 'header-token', header: 'x-token', secrets: ['t0ken'] },
  partitionKeyPointer: '/data/id',
});

// A verified delivery must never fail on its form: every event type, however long, yields headers
// the envelope accepts (a 101-128 character type used to pass identification and then fail the
// envelope's 100-character rule, answering 500 on every retry).
describe('identifyGenericEvent', () => {
  it.each([1, 60, 100, 101, 128, 129, 5_000])(
    'gives an event type of %i characters an encodable ce_type',
    (length) => {
      const type = 'e'.repeat(length);
      const body = { type, data: { id: 'order-1' } };
      const identity = identifyGenericEvent(source, body, Buffer.from(JSON.stringify(body)), {});
      if ('error' in identity) throw new Error(identity.error);
      const headers = buildCloudEventHeaders({
        source: 'acme',
        eventName: identity.eventName,
        subject: identity.subject,
        dedupKey: identity.dedupKey,
        receivedAt: new Date('2026-01-01T00:00:00Z'),
      });
      expect(headers['ce_type']).toMatch(/^acme\.e+/);
      // The bounded stand-in never loses the name: it is kept whole for the ingress's header.
      if (length <= 100) expect(identity).not.toHaveProperty('sentEventName');
      if (length <= 100) expect(identity.eventName).toBe(type);
      else expect(identity.sentEventName).toBe(type);
    },
  );

  it('keeps distinct long event types distinct', () => {
    const names = ['a', 'b'].map((suffix) => {
      const body = { type: `${'e'.repeat(120)}${suffix}`, data: { id: 'order-1' } };
      const identity = identifyGenericEvent(source, body, Buffer.from(JSON.stringify(body)), {});
      return 'error' in identity ? identity.error : identity.eventName;
    });
    expect(names[0]).not.toBe(names[1]);
  });
});
