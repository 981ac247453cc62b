import { Effect } from 'effect';
import type { InferEntity } from '@mikro-orm/core';
import type { RefreshTokenRepository } from '../../core/access/refresh-token.port.ts';
import type { RefreshToken } from '../../core/access/refresh-token.ts';
import type { Stored } from '../../core/shared/errors.ts';
import { RefreshTokenEntity } from './schema/entities.ts';
import { sql } from './sql-effect.ts';
import { fresh, type SqlSession } from './sql-session.ts';

type RefreshTokenRow = InferEntity<typeof RefreshTokenEntity>;

const toToken = (row: RefreshTokenRow): RefreshToken => ({
  tokenHash: row.tokenHash,
  familyId: row.familyId,
  tenantId: row.tenantId,
  userId: row.userId,
  expiresAt: row.expiresAt,
  createdAt: row.createdAt,
  spentAt: row.spentAt ?? null,
  revokedAt: row.revokedAt ?? null,
});

export class MikroOrmRefreshTokenRepository implements RefreshTokenRepository {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  insert(token: RefreshToken): Stored<void> {
    return sql(() => this.#session.em.insert(RefreshTokenEntity, { ...token })).pipe(Effect.asVoid);
  }

  findByHash(tokenHash: string): Stored<RefreshToken | null> {
    return sql(() => this.#session.em.findOne(RefreshTokenEntity, { tokenHash }, fresh)).pipe(Effect.map((row) => (row ? toToken(row) : null)));
  }

  // One conditional UPDATE; the WHERE excludes the target state, so "matched rows" (mysql2) equals "changed rows".
  spend(tokenHash: string, at: Date): Stored<boolean> {
    return sql(() =>
      this.#session.em.nativeUpdate(RefreshTokenEntity, { tokenHash, spentAt: null, revokedAt: null }, { spentAt: at }),
    ).pipe(Effect.map((changed) => changed === 1));
  }

  revokeFamily(familyId: string, at: Date): Stored<void> {
    return sql(() => this.#session.em.nativeUpdate(RefreshTokenEntity, { familyId, revokedAt: null }, { revokedAt: at })).pipe(Effect.asVoid);
  }

  revokeAllOfUser(tenantId: string, userId: string, at: Date): Stored<void> {
    return sql(() => this.#session.em.nativeUpdate(RefreshTokenEntity, { tenantId, userId, revokedAt: null }, { revokedAt: at })).pipe(
      Effect.asVoid,
    );
  }
}
