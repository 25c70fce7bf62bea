import fc from 'fast-check';
import { scrubExcerpt } from './error-excerpt';

const accountNumber = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 12 })
  .map((digits) => digits.join(''));
const bsbAndNumber = fc
  .tuple(fc.stringMatching(/^\d{3}-\d{3}$/), accountNumber)
  .map(([bsb, number]) => `${bsb} ${number}`);
const email = fc.emailAddress();
const filler = fc.string({ maxLength: 80 });

describe('scrubExcerpt', () => {
  it('never lets an account number, BSB-number pair or e-mail address through, wherever it sits', () => {
    fc.assert(
      fc.property(filler, fc.oneof(accountNumber, bsbAndNumber, email), filler, (before, secret, after) => {
        const excerpt = scrubExcerpt(`${before} ${secret} ${after}`);
        expect(excerpt).not.toContain(secret);
        expect(excerpt).not.toMatch(/\d{6}/);
        expect(excerpt.length).toBeLessThanOrEqual(200);
        expect(excerpt).toMatch(/^[\x20-\x7e]*$/);
      }),
    );
  });

  it('keeps what explains the refusal', () => {
    expect(
      scrubExcerpt(
        '{"error":"forbidden",\n"message":"token tok_12 may not read application 961194 (owner jo@x.io)"}',
      ),
    ).toBe('{"error":"forbidden", "message":"token tok_12 may not read application [number] (owner [email]');
  });
});
