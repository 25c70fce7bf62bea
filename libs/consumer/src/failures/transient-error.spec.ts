import { describeError, isTransientError } from './transient-error';

describe('isTransientError', () => {
  it('treats connection and availability failures as transient', () => {
    expect(
      isTransientError(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
    expect(
      isTransientError(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ).toBe(true);
    expect(isTransientError(Object.assign(new Error('could not serialize access'), { code: '40001' }))).toBe(
      true,
    );
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientError({ message: 'query failed', driverError: { code: '08006' } })).toBe(true);
  });

  it('treats data and code failures as the record’s own', () => {
    expect(isTransientError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isTransientError(Object.assign(new Error('invalid input syntax'), { code: '22P02' }))).toBe(false);
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });
});

describe('describeError', () => {
  it('names the error and its code, bounded in length', () => {
    expect(describeError(Object.assign(new Error('x'.repeat(2_000)), { code: '23505' }))).toMatch(
      /^Error \[23505\]: x{500}$/,
    );
  });
});
