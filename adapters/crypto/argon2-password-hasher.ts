import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { Effect } from 'effect';
import type { PasswordHasher } from '../../core/access/credentials.port.ts';

/** OWASP's argon2id floor: 19 MiB, two passes, one lane. */
export const argon2Minimum = { memoryCost: 19456, timeCost: 2 } as const;

const argon2id = 2 as Algorithm;

export interface Argon2Settings {
  readonly memoryCost?: number;
  readonly timeCost?: number;
}

/** argon2id over the password's UTF-8 bytes, whole (no truncation); refuses settings under the floor. */
export class Argon2PasswordHasher implements PasswordHasher {
  readonly #options: Options;
  readonly #dummy: Promise<string>;

  constructor(settings: Argon2Settings = {}) {
    const memoryCost = settings.memoryCost ?? argon2Minimum.memoryCost;
    const timeCost = settings.timeCost ?? argon2Minimum.timeCost;
    if (memoryCost < argon2Minimum.memoryCost || timeCost < argon2Minimum.timeCost) {
      throw new RangeError(`argon2id needs memoryCost >= ${argon2Minimum.memoryCost} KiB and timeCost >= ${argon2Minimum.timeCost}`);
    }
    this.#options = { algorithm: argon2id, memoryCost, timeCost, parallelism: 1 };
    this.#dummy = hash('switchboard-dummy-password', this.#options);
  }

  /** An argon2id hash of the password. */
  hash(password: string): Effect.Effect<string> {
    return Effect.promise(() => hash(password, this.#options));
  }

  /** Whether the password matches the argon2id hash. */
  verify(hashed: string, password: string): Effect.Effect<boolean> {
    return Effect.promise(() => verify(hashed, password).catch(() => false));
  }

  burn(password: string): Effect.Effect<void> {
    return Effect.promise(async () => {
      await verify(await this.#dummy, password).catch(() => false);
    });
  }
}
