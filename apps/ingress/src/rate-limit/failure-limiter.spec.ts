import { FailureLimiter } from './failure-limiter';

describe('FailureLimiter', () => {
  const clock = () => {
    let now = 0;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('turns an address away after a burst of failures and lets it back as the bucket refills', () => {
    const time = clock();
    const limiter = new FailureLimiter({ perAddressPerSecond: 1, totalPerSecond: 1_000 }, time.now);
    for (let i = 0; i < 20; i++) {
      expect(limiter.allows('198.51.100.9')).toBe(true);
      limiter.recordFailure('198.51.100.9');
    }
    expect(limiter.allows('198.51.100.9')).toBe(false);
    expect(limiter.secondsUntilAllowed('198.51.100.9')).toBe(1);
    time.advance(1_000);
    expect(limiter.allows('198.51.100.9')).toBe(true);
  });

  it('never turns away an address that has not failed, even when failures overall run high', () => {
    const time = clock();
    const limiter = new FailureLimiter({ perAddressPerSecond: 100, totalPerSecond: 1 }, time.now);
    for (let i = 0; i < 25; i++) limiter.recordFailure(`198.51.100.${i}`);
    expect(limiter.allows('198.51.100.3')).toBe(false);
    expect(limiter.allows('203.0.113.7')).toBe(true);
  });
});
