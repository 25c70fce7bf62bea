import { BlockList, isIP } from 'node:net';

/** Parses "1.2.3.4, 10.0.0.0/8, ::1" into a BlockList (plain addresses and CIDR ranges). */
export function parseAddressList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  entries.forEach((entry, position) => {
    const invalid = () =>
      new Error(`entry ${position + 1} is not an IP address or CIDR range (expected 1.2.3.4 or 10.0.0.0/8)`);
    const parts = entry.split('/');
    const [address, prefix] = parts;
    const family = isIP(address ?? '');
    if (!address || family === 0 || parts.length > 2) throw invalid();
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) return list.addAddress(address, type);
    // Digits only, within the family's width: Number('') is 0, so a stray '/' would otherwise admit
    // every address.
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits <= (family === 6 ? 128 : 32))) throw invalid();
    list.addSubnet(address, bits, type);
  });
  return list;
}

function normalise(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function listContains(list: BlockList, address: string): boolean {
  const normalised = normalise(address);
  const family = isIP(normalised);
  if (family === 0) return false;
  return list.check(normalised, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The address of the client that called us. Behind trusted proxies the socket address is a proxy's:
 * walk X-Forwarded-For from the right while the hop is a trusted proxy. Entries a client wrote
 * itself (left of the first untrusted hop) are never believed.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: BlockList | undefined,
): string | undefined {
  let current = socketAddress ? normalise(socketAddress) : undefined;
  if (!trustedProxies || !forwardedFor) return current;
  const hops = forwardedFor
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  while (current && listContains(trustedProxies, current) && hops.length > 0) {
    current = normalise(hops.pop() as string);
  }
  return current;
}
