import { Effect } from 'effect';
import type { MemoryDatabase } from './memory-database.ts';
import type { RefreshTokenRepository } from '../../core/access/refresh-token.port.ts';
import type { RefreshToken } from '../../core/access/refresh-token.ts';

export class MemoryRefreshTokenRepository implements RefreshTokenRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  insert(token: RefreshToken): Effect.Effect<void> {
    return Effect.sync(() => this.#db.refreshTokens.set(token.tokenHash, token));
  }

  findByHash(tokenHash: string): Effect.Effect<RefreshToken | null> {
    return Effect.sync(() => this.#db.refreshTokens.get(tokenHash) ?? null);
  }

  spend(tokenHash: string, at: Date): Effect.Effect<boolean> {
    return Effect.sync(() => {
      const token = this.#db.refreshTokens.get(tokenHash);
      if (token === undefined || token.spentAt !== null || token.revokedAt !== null) return false;
      this.#db.refreshTokens.set(tokenHash, { ...token, spentAt: at });
      return true;
    });
  }

  revokeFamily(familyId: string, at: Date): Effect.Effect<void> {
    return Effect.sync(() => this.#revokeWhere((t) => t.familyId === familyId, at));
  }

  revokeAllOfUser(tenantId: string, userId: string, at: Date): Effect.Effect<void> {
    return Effect.sync(() => this.#revokeWhere((t) => t.tenantId === tenantId && t.userId === userId, at));
  }

  #revokeWhere(match: (token: RefreshToken) => boolean, at: Date): void {
    const hits = [...this.#db.refreshTokens.values()].filter((t) => match(t) && t.revokedAt === null);
    for (const token of hits) this.#db.refreshTokens.set(token.tokenHash, { ...token, revokedAt: at });
  }
}
