import { laneOf } from './laned.publisher';

describe('laneOf', () => {
  it('always sends a key to the same lane, and spreads keys over all lanes', () => {
    expect(laneOf('app:961194', 4)).toBe(laneOf('app:961194', 4));
    const used = new Set(Array.from({ length: 200 }, (_, i) => laneOf(`item:${i}`, 4)));
    expect([...used].sort()).toEqual([0, 1, 2, 3]);
    expect(laneOf('anything', 1)).toBe(0);
  });
});
