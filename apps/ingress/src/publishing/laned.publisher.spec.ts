import { laneOf } from './laned.publisher';

describe('laneOf', () => {
  it('spreads keys over every lane and never names a lane that does not exist', () => {
    for (const lanes of [1, 2, 3, 4, 16]) {
      const used = new Set(Array.from({ length: 400 }, (_, i) => laneOf(`item:${i}`, lanes)));
      expect([...used].sort((a, b) => a - b)).toEqual(Array.from({ length: lanes }, (_, i) => i));
    }
  });
});
