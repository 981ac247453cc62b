import { createHash } from 'node:crypto';
import { Effect, Result } from 'effect';
import type { InferEntity } from '@mikro-orm/core';
import type { IntegrationRepository, PlatformAgentLink, RoomSession, SecretCipher, UnansweredAssign } from '../../core/integrations/integration.port.ts';
import type { PlatformIntegration } from '../../core/integrations/platform-integration.ts';
import { StoreUnavailable, type DuplicateKey, type Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import { IntegrationEntity, PlatformAgentLinkEntity, RoomSessionEntity, UnansweredAssignEntity } from './schema/entities.ts';
import { sql, sqlWrite } from './sql-effect.ts';
import { pageFrom } from './sql-page.ts';
import { fresh, rowLock, type SqlSession } from './sql-session.ts';

type IntegrationRow = InferEntity<typeof IntegrationEntity>;
type UnansweredAssignRow = InferEntity<typeof UnansweredAssignEntity>;

/** The lookup key of a webhook token: its SHA-256, hex (a fixed-length equality match on a unique index). */
export const webhookTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** What a store gets when its opener was given no cipher: any use of a secret is a defect, never plaintext at rest. */
export const missingSecretCipher: SecretCipher = {
  seal: () => {
    throw new Error('no SecretCipher was given to openDatabase (options.secrets): cannot store secrets (Qiscus, channels)');
  },
  open: () => {
    throw new Error('no SecretCipher was given to openDatabase (options.secrets): cannot read secrets (Qiscus, channels)');
  },
};

const toRow = (integration: PlatformIntegration, cipher: SecretCipher): IntegrationRow => ({
  tenantId: integration.tenantId,
  appCode: integration.appCode,
  baseUrl: integration.baseUrl,
  secretKeySealed: cipher.seal(integration.secretKey),
  adminEmail: integration.admin?.email ?? null,
  adminPasswordSealed: integration.admin === null ? null : cipher.seal(integration.admin.password),
  webhookTokenHash: webhookTokenHash(integration.webhookToken),
  webhookTokenSealed: cipher.seal(integration.webhookToken),
  createdAt: integration.createdAt,
  updatedAt: integration.updatedAt,
});

// A secret sealed under another key (or altered) cannot be served: the store fails, it does not guess.
const opened = (cipher: SecretCipher, sealed: string): Effect.Effect<string, StoreUnavailable> =>
  Effect.flatMap(
    Effect.sync(() => cipher.open(sealed)),
    Result.match({ onSuccess: Effect.succeed, onFailure: (cause) => Effect.fail(new StoreUnavailable({ cause })) }),
  );

const toIntegration = (row: IntegrationRow, cipher: SecretCipher): Effect.Effect<PlatformIntegration, StoreUnavailable> =>
  Effect.gen(function* () {
    const secretKey = yield* opened(cipher, row.secretKeySealed);
    const webhookToken = yield* opened(cipher, row.webhookTokenSealed);
    const adminEmail = row.adminEmail ?? null;
    const adminPassword = row.adminPasswordSealed ?? null;
    const admin = adminEmail === null || adminPassword === null ? null : { email: adminEmail, password: yield* opened(cipher, adminPassword) };
    return {
      tenantId: row.tenantId,
      appCode: row.appCode,
      baseUrl: row.baseUrl,
      secretKey,
      admin,
      webhookToken,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  });

const toAttempt = (row: UnansweredAssignRow): UnansweredAssign => ({
  tenantId: row.tenantId,
  roomId: row.roomId,
  platformAgentId: row.platformAgentId,
  userId: row.userId,
});

const toSession = (row: InferEntity<typeof RoomSessionEntity> | null): RoomSession | null =>
  row === null ? null : { tenantId: row.tenantId, sessionId: row.sessionId, roomId: row.roomId, ticketId: row.ticketId, resolved: Boolean(row.resolved) };

export class MikroOrmIntegrationRepository implements IntegrationRepository {
  readonly #session: SqlSession;
  readonly #cipher: SecretCipher;

  constructor(session: SqlSession, cipher: SecretCipher) {
    this.#session = session;
    this.#cipher = cipher;
  }

  get(tenantId: string): Stored<PlatformIntegration | null> {
    return this.#one(() => this.#session.em.findOne(IntegrationEntity, { tenantId }, fresh));
  }

  findByWebhookToken(token: string): Stored<PlatformIntegration | null> {
    const hash = webhookTokenHash(token);
    return this.#one(() => this.#session.em.findOne(IntegrationEntity, { webhookTokenHash: hash }, fresh));
  }

  save(integration: PlatformIntegration): Stored<void, DuplicateKey> {
    const session = this.#session;
    const cipher = this.#cipher;
    const { tenantId } = integration;
    return Effect.gen(function* () {
      const row = yield* Effect.sync(() => toRow(integration, cipher));
      const existing = yield* sql(() => session.em.findOne(IntegrationEntity, { tenantId }, { ...fresh, ...rowLock(session), fields: ['tenantId'] }));
      if (existing === null) {
        yield* sqlWrite('integrations.tenant_id', () => session.em.insert(IntegrationEntity, row));
        return;
      }
      const { tenantId: _, ...changes } = row;
      yield* sqlWrite('integrations.tenant_id', () => session.em.nativeUpdate(IntegrationEntity, { tenantId }, changes));
    });
  }

  list(page: PageRequest): Stored<Page<PlatformIntegration>> {
    const where = page.after === null ? {} : { tenantId: { $gt: page.after } };
    return sql(() => this.#session.em.find(IntegrationEntity, where, { ...fresh, orderBy: { tenantId: 'asc' }, limit: page.limit + 1 })).pipe(
      Effect.flatMap((rows) => Effect.forEach(rows, (row) => toIntegration(row, this.#cipher))),
      Effect.map((items) => pageFrom(items, page, (i) => i.tenantId)),
    );
  }

  findAgentLink(tenantId: string, platformAgentId: string): Stored<PlatformAgentLink | null> {
    return sql(() => this.#session.em.findOne(PlatformAgentLinkEntity, { tenantId, platformAgentId }, fresh)).pipe(
      Effect.map((row) => (row === null ? null : { tenantId: row.tenantId, platformAgentId: row.platformAgentId, userId: row.userId })),
    );
  }

  linkAgent(link: PlatformAgentLink): Stored<void> {
    return sql(() =>
      this.#session.em
        .createQueryBuilder(PlatformAgentLinkEntity)
        .insert({ ...link })
        .onConflict(['tenantId', 'platformAgentId'])
        .merge(['userId'])
        .execute('run'),
    ).pipe(Effect.asVoid);
  }

  recordUnansweredAssign(attempt: UnansweredAssign): Stored<void> {
    return sql(() =>
      this.#session.em
        .createQueryBuilder(UnansweredAssignEntity)
        .insert({ ...attempt })
        .onConflict(['tenantId', 'roomId'])
        .merge(['platformAgentId', 'userId'])
        .execute('run'),
    ).pipe(Effect.asVoid);
  }

  takeUnansweredAssign(tenantId: string, roomId: string): Stored<UnansweredAssign | null> {
    const session = this.#session;
    return Effect.gen(function* () {
      const row = yield* sql(() => session.em.findOne(UnansweredAssignEntity, { tenantId, roomId }, { ...fresh, ...rowLock(session) }));
      if (row === null) return null;
      // Deleting the exact row read: a concurrent take (or a newer record) makes this one a miss, never a double take.
      const { platformAgentId, userId } = row;
      const deleted = yield* sql(() => session.em.nativeDelete(UnansweredAssignEntity, { tenantId, roomId, platformAgentId, userId }));
      return deleted === 1 ? toAttempt(row) : null;
    });
  }

  saveSession(roomSession: RoomSession): Stored<void> {
    const query = this.#session.em.createQueryBuilder(RoomSessionEntity).insert({ ...roomSession }).onConflict(['tenantId', 'sessionId']);
    // A known session keeps its ticket; `resolved` only ever turns true.
    const write = roomSession.resolved ? query.merge(['resolved']) : query.ignore();
    return sql(() => write.execute('run')).pipe(Effect.asVoid);
  }

  findSession(tenantId: string, sessionId: string): Stored<RoomSession | null> {
    return sql(() => this.#session.em.findOne(RoomSessionEntity, { tenantId, sessionId }, fresh)).pipe(Effect.map(toSession));
  }

  sessionOfTicket(tenantId: string, ticketId: string): Stored<RoomSession | null> {
    return sql(() => this.#session.em.findOne(RoomSessionEntity, { tenantId, ticketId }, fresh)).pipe(Effect.map(toSession));
  }

  #one(find: () => Promise<IntegrationRow | null>): Stored<PlatformIntegration | null> {
    return sql(find).pipe(Effect.flatMap((row) => (row === null ? Effect.succeed(null) : toIntegration(row, this.#cipher))));
  }
}
