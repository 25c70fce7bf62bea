import { createHash } from 'node:crypto';

// Personal data of people who do not exist: drawn from fixed lists by a hash of a flow's id, so the
// same id always gives the same person and nothing comes from a real source. Never logged.

const FIRST = ['Avery', 'Rowan', 'Sasha', 'Jordan', 'Morgan', 'Quinn', 'Harper', 'Emery', 'Sage', 'Reese'];
const LAST = ['Quill', 'Hale', 'Penrose', 'Vale', 'Reed', 'Thorne', 'Marsh', 'Ashby', 'Lark', 'Fenwick'];

export interface SyntheticPerson {
  fullName: string;
  email: string;
  /** An Australian mobile in the 0400 000 000 – 0400 999 999 range nobody is issued in tests. */
  mobile: string;
  /** 11 digits starting 000, never a valid BVN. */
  bvn: string;
}

function draw(id: string, salt: string, span: number): number {
  return createHash('sha256').update(`${salt}:${id}`).digest().readUInt32BE(0) % span;
}

export function syntheticPerson(id: string): SyntheticPerson {
  const first = FIRST[draw(id, 'first', FIRST.length)] as string;
  const last = LAST[draw(id, 'last', LAST.length)] as string;
  return {
    fullName: `${first} ${last}`,
    email: `${first}.${last}.${id}@example.test`.toLowerCase(),
    mobile: `0400${String(draw(id, 'mobile', 1_000_000)).padStart(6, '0')}`,
    bvn: `000${String(draw(id, 'bvn', 100_000_000)).padStart(8, '0')}`,
  };
}
