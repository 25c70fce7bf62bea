const MAX_EXCERPT_CHARS = 200;
// Enough of an error answer to explain it; the rest is never read (an error page can be large).
const MAX_READ_BYTES = 4096;

/**
 * What of Credfin's error answer may travel with a CredfinRejectedError (into logs and dead-letter
 * headers): printable characters only, anything shaped like an account or phone number (six digits or
 * more, spaces and dashes allowed, so BSB-number pairs too) or an e-mail address masked, 200 at most.
 */
export function scrubExcerpt(text: string): string {
  return (
    text
      .replace(/[^\x20-\x7e]/g, ' ')
      // The whole word around an @: e-mail addresses can hold almost any character.
      .replace(/\S*@\S*/g, '[email]')
      .replace(/\d(?:[\s-]*\d){5,}/g, '[number]')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_EXCERPT_CHARS)
  );
}

/** The scrubbed start of an error answer; the body is then discarded. */
export async function errorExcerpt(body: AsyncIterable<unknown> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      chunks.push(buffer);
      size += buffer.length;
      if (size >= MAX_READ_BYTES) break;
    }
  } catch {
    // An error answer that breaks off has no excerpt; its status still says what happened.
  } finally {
    body.destroy();
  }
  return scrubExcerpt(Buffer.concat(chunks).subarray(0, MAX_READ_BYTES).toString('utf8'));
}
