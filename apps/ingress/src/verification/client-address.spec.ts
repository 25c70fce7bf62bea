import { listContains, parseAddressList } from './client-address';

describe('parseAddressList', () => {
  it('admits the listed addresses and ranges only', () => {
    const list = parseAddressList(['63.32.31.5', '10.0.0.0/8', '2001:db8::/32']);
    expect(listContains(list, '63.32.31.5')).toBe(true);
    expect(listContains(list, '10.1.2.3')).toBe(true);
    expect(listContains(list, '2001:db8::1')).toBe(true);
    expect(listContains(list, '8.8.8.8')).toBe(false);
  });

  it('accepts /0 only when written as such', () => {
    expect(listContains(parseAddressList(['0.0.0.0/0']), '8.8.8.8')).toBe(true);
  });

  // A typo must fail the boot, never widen the list: "63.32.31.5/" used to become /0 (every address).
  it.each([
    '63.32.31.5/',
    '63.32.31.5/ ',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/8.5',
    '10.0.0.0/0x8',
    '::1/129',
    '10.0.0.0/8/8',
  ])('refuses %j', (entry) => {
    expect(() => parseAddressList([entry])).toThrow(/not an IP address or CIDR range/);
  });
});
