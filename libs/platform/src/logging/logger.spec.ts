import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACT_PATHS } from './redaction';

function capture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, lines };
}

describe('log redaction', () => {
  it('never writes personal data or secrets, at any of the first levels', () => {
    const { stream, lines } = capture();
    const logger = pino({ redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } }, stream);
    logger.info(
      {
        bvn: '22212345678',
        data: { accountNumber: '0123456789', email: 'a@b.c', nested: { mobile: '0412345678', seed: 's3' } },
        headers: { 'x-auth-signature': 'topsecret', authorization: 'Basic abc' },
        kept: 'application 961194',
      },
      'event',
    );
    const line = lines.join('');
    for (const secret of [
      '22212345678',
      '0123456789',
      'a@b.c',
      '0412345678',
      's3',
      'topsecret',
      'Basic abc',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('application 961194');
  });
});
