import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** How a channel delivery is signed: as its sender signs it, or wrong in one way (`unsigned`: the generated headers as they are). */
export type Signing = 'signed' | 'stale_signature' | 'wrong_secret' | 'replayed' | 'unsigned';

export const signings: ReadonlyArray<Signing> = ['signed', 'stale_signature', 'wrong_secret', 'replayed', 'unsigned'];

/** The headers the channel webhook authenticates, lower-cased (a generated header of the same name gives way to these). */
const signedNames = ['x-channel-key', 'webhook-id', 'webhook-timestamp', 'webhook-signature'];

/**
 * `headers` with the Standard Webhooks signature of `body` by tenant A's channel (through the
 * `standardwebhooks` package), so generated bodies reach past authentication; `stale_signature` is
 * 10 minutes old, `wrong_secret` is another secret's, `replayed` always sends the same `webhook-id`.
 */
export const signedHeaders = (
  channel: { readonly key: string; readonly secret: string },
  signing: Exclude<Signing, 'unsigned'>,
  headers: Readonly<Record<string, string>>,
  body: Buffer | undefined,
): Record<string, string> => {
  const id = signing === 'replayed' ? 'fuzz-replayed-delivery' : `fuzz-${randomUUID()}`;
  const at = new Date(signing === 'stale_signature' ? Date.now() - 10 * 60_000 : Date.now());
  const secret = signing === 'wrong_secret' ? `whsec_${randomBytes(24).toString('base64')}` : channel.secret;
  const kept = Object.entries(headers).filter(([name]) => !signedNames.includes(name.toLowerCase()));
  return {
    ...Object.fromEntries(kept),
    'x-channel-key': channel.key,
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body ?? Buffer.alloc(0)),
  };
};
