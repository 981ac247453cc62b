import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/** What a cursor is bound to: the endpoint, the caller's tenant and the list's filters. */
export interface CursorScope {
  readonly endpoint: string;
  readonly tenantId: string;
  readonly filters: Readonly<Record<string, string | undefined>>;
}

const canonical = (scope: CursorScope, position: string): string =>
  JSON.stringify([
    scope.endpoint,
    scope.tenantId,
    Object.entries(scope.filters)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
    position,
  ]);

/** Opaque list cursors: the repository position, HMAC-signed together with its scope. */

export const cursorBodyPattern = /^[A-Za-z0-9_-]*$/;
export const cursorMacPattern = /^[A-Za-z0-9_-]{43}$/;

export class CursorCodec {
  // A KeyObject: createHmac with a Buffer key costs ~25 µs on Node 24, with a KeyObject ~4 µs.
  readonly #key: KeyObject;

  constructor(key: Buffer) {
    this.#key = createSecretKey(key);
  }

  #sign(scope: CursorScope, position: string): Buffer {
    return createHmac('sha256', this.#key).update(canonical(scope, position)).digest();
  }

  encode(scope: CursorScope, position: string): string {
    return `${Buffer.from(position, 'utf8').toString('base64url')}.${this.#sign(scope, position).toString('base64url')}`;
  }

  /** The position, or null when the cursor was not issued for this scope or was tampered with. */
  decode(scope: CursorScope, cursor: string): string | null {
    const [body, mac, extra] = cursor.split('.');
    if (body === undefined || mac === undefined || extra !== undefined) return null;
    if (!cursorBodyPattern.test(body) || !cursorMacPattern.test(mac)) return null;
    const position = Buffer.from(body, 'base64url').toString('utf8');
    const given = Buffer.from(mac, 'base64url');
    const expected = this.#sign(scope, position);
    return given.length === expected.length && timingSafeEqual(given, expected) ? position : null;
  }
}
