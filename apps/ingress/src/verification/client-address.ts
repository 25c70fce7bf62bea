import { BlockList, isIP } from 'node:net';

/** Parses "1.2.3.4, 10.0.0.0/8, ::1" into a BlockList (plain addresses and CIDR ranges). */
export function parseAddressList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '');
    if (!address || family === 0) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
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
