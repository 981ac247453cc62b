import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Effect } from 'effect';
import type { DestinationPolicy } from '../../core/shared/outbound.port.ts';
import { isPublicAddress } from './public-address.ts';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Every address a host name resolves to (the system resolver by default; stubbed in tests). */
export type Resolve = (hostname: string) => Promise<ReadonlyArray<ResolvedAddress>>;

export const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A URL that passed the outbound rule, with the address it must be reached at. */
export interface Destination {
  readonly url: URL;
  /** The host name without IPv6 brackets (TLS checks the certificate against it). */
  readonly host: string;
  readonly address: string;
  readonly family: 4 | 6;
}

export type Vetting = { readonly ok: true; readonly destination: Destination } | { readonly ok: false; readonly reason: string };

export interface DestinationGuardOptions {
  /** `OUTBOUND_ALLOW_PRIVATE_NETWORKS=true`: loopback and private addresses are allowed (tests, on-premises). */
  readonly allowPrivateNetworks: boolean;
  readonly resolve?: Resolve;
  readonly resolveTimeoutMs?: number;
}

const refused = (reason: string): Vetting => ({ ok: false, reason });

const withTimeout = <A>(work: Promise<A>, ms: number): Promise<A> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

/**
 * The outbound URL rule (API.md, Outbound webhooks): `https://` or `http://`, no credentials, a host
 * whose every address is public. Callers connect to the vetted address, so a later answer of the
 * resolver (DNS rebinding) cannot redirect the call.
 */
export class DestinationGuard implements DestinationPolicy {
  readonly #allowPrivate: boolean;
  readonly #resolve: Resolve;
  readonly #resolveTimeoutMs: number;

  constructor(options: DestinationGuardOptions) {
    this.#allowPrivate = options.allowPrivateNetworks;
    this.#resolve = options.resolve ?? systemResolve;
    this.#resolveTimeoutMs = options.resolveTimeoutMs ?? 5_000;
  }

  check(url: string): Effect.Effect<string | null> {
    return Effect.promise(() => this.vet(url)).pipe(Effect.map((vetting) => (vetting.ok ? null : vetting.reason)));
  }

  async vet(raw: string): Promise<Vetting> {
    if (!URL.canParse(raw)) return refused('must be an http or https URL');
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return refused('must be an http or https URL');
    if (url.username !== '' || url.password !== '') return refused('must not carry credentials');
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    if (host === '') return refused('must name a host');
    const addresses = isIP(host) === 0 ? await this.#lookup(host) : [{ address: host, family: isIP(host) }];
    if (addresses === null || addresses.length === 0) return refused('host does not resolve');
    if (!this.#allowPrivate && addresses.some((a) => !isPublicAddress(a.address))) {
      return refused('host resolves to a loopback, private or otherwise non-public address');
    }
    const chosen = addresses[0] as ResolvedAddress;
    return { ok: true, destination: { url, host, address: chosen.address, family: chosen.family === 6 ? 6 : 4 } };
  }

  async #lookup(host: string): Promise<ReadonlyArray<ResolvedAddress> | null> {
    try {
      return await withTimeout(this.#resolve(host), this.#resolveTimeoutMs);
    } catch {
      return null;
    }
  }
}
