import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { OutboundHttp, OutboundRequest, OutboundResult } from '../../core/shared/outbound.port.ts';
import type { Destination, DestinationGuard } from './destination-guard.ts';

/** Resolves to the vetted address only, whatever the resolver would answer now. */
const pinnedLookup =
  (destination: Destination): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: destination.address, family: destination.family }]);
    else callback(null, destination.address, destination.family);
  };

const failed = (reason: string, flags: { timedOut?: boolean; tooLarge?: boolean } = {}): OutboundResult => ({
  kind: 'failed',
  reason,
  timedOut: flags.timedOut ?? false,
  tooLarge: flags.tooLarge ?? false,
});

/**
 * Reads the answer up to `maxBytes`; past that it fails, or with `keepPartial` answers with what it read.
 * Settles before destroying an oversized one, so its reset cannot win.
 */
const readCapped = (response: IncomingMessage, maxBytes: number, keepPartial: boolean, settle: (result: OutboundResult) => void, fail: (error: unknown) => void): void => {
  const chunks: Buffer[] = [];
  let size = 0;
  const answer = (): void => settle({ kind: 'response', status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
  response.on('data', (chunk: Buffer) => {
    const room = maxBytes - size;
    size += chunk.length;
    if (size <= maxBytes) {
      chunks.push(chunk);
      return;
    }
    if (keepPartial) {
      chunks.push(chunk.subarray(0, Math.max(0, room)));
      answer();
    } else settle(failed(`answer over ${maxBytes} bytes`, { tooLarge: true }));
    response.destroy();
  });
  response.on('end', answer);
  response.on('error', fail);
  response.on('aborted', () => fail(new Error('answer cut off')));
};

const describe = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return `network error (${code ?? message})`;
};

/** `OutboundHttp` on node:http(s): each call is vetted by the guard and connects to the address it vetted. */
export class OutboundHttpClient implements OutboundHttp {
  readonly #guard: DestinationGuard;
  readonly #http = new HttpAgent({ keepAlive: true, maxSockets: 50 });
  readonly #https = new HttpsAgent({ keepAlive: true, maxSockets: 50 });

  constructor(guard: DestinationGuard) {
    this.#guard = guard;
  }

  async send(request: OutboundRequest): Promise<OutboundResult> {
    const deadline = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal === undefined ? deadline : AbortSignal.any([request.signal, deadline]);
    const vetting = await Promise.race([this.#guard.vet(request.url), aborted(signal)]);
    if (vetting === 'aborted') return failed(deadline.aborted ? 'timed out' : 'cancelled', { timedOut: deadline.aborted });
    if (!vetting.ok) return { kind: 'refused', reason: vetting.reason };
    try {
      return await this.#exchange(vetting.destination, request, signal);
    } catch (error) {
      return deadline.aborted ? failed('timed out', { timedOut: true }) : failed(describe(error));
    }
  }

  /** Closes kept-alive connections. */
  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }

  #exchange(destination: Destination, request: OutboundRequest, signal: AbortSignal): Promise<OutboundResult> {
    const { url } = destination;
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise<OutboundResult>((resolve, reject) => {
      const outgoing = send(
        {
          protocol: url.protocol,
          host: destination.host,
          port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
          path: `${url.pathname}${url.search}`,
          method: request.method,
          headers: { ...request.headers, ...(request.body === undefined ? {} : { 'content-length': String(request.body.length) }) },
          agent: secure ? this.#https : this.#http,
          lookup: pinnedLookup(destination),
          signal,
          ...(secure && isIP(destination.host) === 0 ? { servername: destination.host } : {}),
        },
        (response) => readCapped(response, request.maxBodyBytes, request.keepPartialBody === true, resolve, reject),
      );
      outgoing.on('error', reject);
      outgoing.end(request.body === undefined ? undefined : Buffer.from(request.body));
    });
  }
}

const aborted = (signal: AbortSignal): Promise<'aborted'> =>
  new Promise((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
