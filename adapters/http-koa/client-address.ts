/** The client address: the socket peer, or `trustProxy` hops from the right of `X-Forwarded-For`. */
export const clientAddress = (socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: number): string => {
  const peer = socketAddress ?? 'unknown';
  if (trustProxy <= 0 || forwardedFor === undefined) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (hops.length === 0) return peer;
  return hops[Math.max(0, hops.length - trustProxy)] ?? peer;
};
