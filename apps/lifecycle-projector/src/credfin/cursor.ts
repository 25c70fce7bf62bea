// Opaque keyset cursor for GET /applications: base64url of JSON [updated_at, id], where updated_at is
// the fixed-width UTC text with microseconds the query selects, so no precision is lost.

export interface ApplicationCursor {
  updatedAt: string;
  id: string;
}

export class CursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CursorError';
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UTC_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(cursor: ApplicationCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): ApplicationCursor {
  if (!BASE64URL.test(text) || text.length > 1024) throw new CursorError('not a base64url cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('not a cursor this API issued');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== 'string' ||
    typeof parsed[1] !== 'string' ||
    !UTC_MICROS.test(parsed[0]) ||
    Number.isNaN(Date.parse(parsed[0])) ||
    parsed[1] === ''
  ) {
    throw new CursorError('not a cursor this API issued');
  }
  return { updatedAt: parsed[0], id: parsed[1] };
}
