import { FaultInjector } from './fault-injector';

describe('FaultInjector scoped to one provider', () => {
  it("fails and counts down on that provider's requests only, counting every hit", () => {
    const faults = FaultInjector.from({
      provider: 'creditchek',
      failStatus: 502,
      failCount: 1,
      latencyMs: 40,
    });
    expect(faults.hit('credfin /api/application/1/bundle')).toBeUndefined();
    expect(faults.latencyMs(5, 'credfin')).toBe(5);
    expect(faults.latencyMs(5, 'creditchek')).toBe(45);
    expect(faults.hit('creditchek /income/api/process-income')?.status).toBe(502);
    expect(faults.hit('creditchek /income/api/process-income')).toBeUndefined();
    expect(faults.hitCounts()).toEqual({
      'credfin /api/application/1/bundle': 1,
      'creditchek /income/api/process-income': 2,
    });
  });

  it('applies to every provider when unscoped', () => {
    const faults = FaultInjector.from({ failCount: 2 });
    expect(faults.hit('credfin /api/x')?.status).toBe(503);
    expect(faults.hit('creditchek /income/api/process-income')?.status).toBe(503);
    expect(faults.hit('credfin /api/x')).toBeUndefined();
  });
});
