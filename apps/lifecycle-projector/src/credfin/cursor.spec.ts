import { CursorError, decodeCursor, encodeCursor } from './cursor';

describe('application list cursor', () => {
  it('round-trips (updated_at with microseconds, id) through an opaque base64url string', () => {
    const cursor = { updatedAt: '2020-01-21T01:52:23.480539Z', id: '961194' };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text).not.toContain('961194');
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['wrong shape', Buffer.from(JSON.stringify({ id: 1 })).toString('base64url')],
    ['bad time', Buffer.from(JSON.stringify(['yesterday', '1'])).toString('base64url')],
    ['empty id', Buffer.from(JSON.stringify(['2020-01-21T01:52:23.480539Z', ''])).toString('base64url')],
    ['empty', ''],
  ])('rejects a cursor that is %s', (_why, text) => {
    expect(() => decodeCursor(text)).toThrow(CursorError);
  });
});
