import ipaddr from 'ipaddr.js';

const v4Of = (high: number, low: number): ipaddr.IPv4 => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);

/** The IPv4 address an IPv6 form carries (mapped, translated, NAT64 well-known prefix, 6to4), if any. */
const embeddedIpv4 = (address: ipaddr.IPv6): ipaddr.IPv4 | null => {
  const p = address.parts;
  switch (address.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return v4Of(p[6] as number, p[7] as number);
    case 'rfc6052':
      // 64:ff9b::/96 carries it in the last 32 bits; the local-use /48 prefix is never public.
      return p[2] === 0 ? v4Of(p[6] as number, p[7] as number) : null;
    case '6to4':
      return v4Of(p[1] as number, p[2] as number);
    default:
      return null;
  }
};

const isPublicIpv4 = (address: ipaddr.IPv4): boolean => address.range() === 'unicast';

/**
 * True for a global unicast address only: loopback, private, link-local, CGNAT, multicast, reserved,
 * documentation and other special ranges are not. IPv6 forms that carry an IPv4 address are judged by it.
 */
export const isPublicAddress = (text: string): boolean => {
  if (!ipaddr.isValid(text)) return false;
  const address = ipaddr.parse(text);
  if (address.kind() === 'ipv4') return isPublicIpv4(address as ipaddr.IPv4);
  const v6 = address as ipaddr.IPv6;
  const inside = embeddedIpv4(v6);
  if (inside !== null) return isPublicIpv4(inside);
  // IPv4-compatible (::a.b.c.d, deprecated) and the rest of ::/96 are not global either.
  if (v6.parts.slice(0, 6).every((part) => part === 0)) return false;
  return v6.range() === 'unicast';
};
