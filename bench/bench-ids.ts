import { randomBytes } from 'node:crypto';

/** A UUIDv7 for a given millisecond; `seq` keeps ids of the same millisecond in generation order. */
export const uuidV7At = (ms: number, seq: number): string => {
  const time = ms.toString(16).padStart(12, '0');
  const rand = randomBytes(8).toString('hex');
  const counter = (seq & 0xfff).toString(16).padStart(3, '0');
  const variant = ((parseInt(rand.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${counter}-${variant}${rand.slice(1, 4)}-${rand.slice(4, 16)}`;
};

/** A small deterministic PRNG (mulberry32), so two runs seed the same shape of data. */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
