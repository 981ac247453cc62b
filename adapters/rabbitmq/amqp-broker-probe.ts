import { connect, type ChannelModel } from 'amqplib';
import { withTimeout } from './amqp-support.ts';

/** Limits of the broker probe. */
export interface AmqpBrokerProbeOptions {
  /** Most time one probe (connect and handshake) may take. */
  readonly timeoutMs?: number;
  /** How long an answer is reused, so a busy `/readyz` does not open a connection per request. */
  readonly cacheMs?: number;
  /** Milliseconds clock for the cache (default `Date.now`). */
  readonly now?: () => number;
}

/**
 * Whether the broker answers: a short-lived connection (connect, AMQP handshake, close) with a timeout;
 * the answer is cached for `cacheMs` and concurrent callers share the probe in flight.
 */
export const amqpBrokerProbe = (url: string, options: AmqpBrokerProbeOptions = {}): (() => Promise<boolean>) => {
  const timeoutMs = options.timeoutMs ?? 2000;
  const cacheMs = options.cacheMs ?? 3000;
  const now = options.now ?? Date.now;
  let cached: { readonly ok: boolean; readonly at: number } | null = null;
  let inFlight: Promise<boolean> | null = null;

  const probe = async (): Promise<boolean> => {
    const opened = connect(url, { timeout: timeoutMs, clientProperties: { connection_name: 'switchboard-readiness-probe' } });
    // A probe that times out may still connect later: close that connection whenever it arrives.
    opened.then(
      (model: ChannelModel) => {
        model.on('error', () => {});
        void model.close().catch(() => {});
      },
      () => {},
    );
    try {
      await withTimeout(opened, timeoutMs, 'amqp readiness probe');
      return true;
    } catch {
      return false;
    }
  };

  return () => {
    if (cached !== null && now() - cached.at < cacheMs) return Promise.resolve(cached.ok);
    inFlight ??= probe().then((ok) => {
      cached = { ok, at: now() };
      inFlight = null;
      return ok;
    });
    return inFlight;
  };
};
