import { Effect, Result } from 'effect';
import type { SecretCipher } from '../../core/integrations/integration.port.ts';
import { StoreUnavailable, type Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { Webhook, WebhookDelivery, WebhookEventFilter } from '../../core/webhooks/webhook.ts';
import type { DeliveryLease, WebhookRepository } from '../../core/webhooks/webhook.port.ts';
import { sql } from './sql-effect.ts';
import { emptyPage, newestFirstAfter, newestFirstPosition, pageFrom } from './sql-page.ts';
import type { SqlSession } from './sql-session.ts';
import { queryRows, runStatement, sqlBoolean, sqlDate, sqlDateOrNull, textOrNull, type RawRow } from './sql-statements.ts';
import { deliveryParams, toDelivery, webhookSql as q } from './webhook.sql.ts';

const tenantStream = '';

const opened = (cipher: SecretCipher, sealed: string): Stored<string> =>
  // A secret sealed under another key (or altered) cannot be served: the store fails, it does not guess.
  Result.match(cipher.open(sealed), { onSuccess: Effect.succeed, onFailure: (cause) => Effect.fail(new StoreUnavailable({ cause })) });

const toWebhook = (row: RawRow, cipher: SecretCipher): Stored<Webhook> =>
  Effect.gen(function* () {
    const previous = textOrNull(row['previous_secret_sealed']);
    const events = row['events'];
    return {
      id: String(row['id']),
      tenantId: String(row['tenant_id']),
      url: String(row['url']),
      events: (typeof events === 'string' ? JSON.parse(events) : events) as WebhookEventFilter[],
      description: textOrNull(row['description']),
      active: sqlBoolean(row['active']),
      secret: yield* opened(cipher, String(row['secret_sealed'])),
      previousSecret: previous === null ? null : yield* opened(cipher, previous),
      previousSecretUntil: sqlDateOrNull(row['previous_secret_until']),
      cursor: Number(row['event_cursor']),
      failingSince: sqlDateOrNull(row['failing_since']),
      createdAt: sqlDate(row['created_at']),
      updatedAt: sqlDate(row['updated_at']),
    };
  });

/** Webhooks and deliveries on MySQL/SQLite; secrets sealed at rest like the channels'. */
export class MikroOrmWebhookRepository implements WebhookRepository {
  readonly #session: SqlSession;
  readonly #cipher: SecretCipher;

  constructor(session: SqlSession, cipher: SecretCipher) {
    this.#session = session;
    this.#cipher = cipher;
  }

  insert(w: Webhook): Stored<void> {
    return Effect.suspend(() => {
      const [secret, previous] = this.#sealed(w);
      const params = [w.id, w.tenantId, w.url, JSON.stringify(w.events), w.description, w.active, secret, previous, w.previousSecretUntil, w.cursor, w.failingSince, w.createdAt, w.updatedAt];
      return this.#run(q.insert, params);
    });
  }

  get(tenantId: string, id: string): Stored<Webhook | null> {
    return this.#rows(q.get, [id, tenantId]).pipe(Effect.flatMap((rows) => (rows[0] === undefined ? Effect.succeed(null) : toWebhook(rows[0], this.#cipher))));
  }

  list(tenantId: string, page: PageRequest): Stored<Page<Webhook>> {
    return this.#rows(q.list, [tenantId, page.after ?? '', page.limit + 1]).pipe(
      Effect.flatMap((rows) => Effect.forEach(rows, (row) => toWebhook(row, this.#cipher))),
      Effect.map((webhooks) => pageFrom(webhooks, page, (w) => w.id)),
    );
  }

  update(w: Webhook): Stored<void> {
    return Effect.suspend(() => {
      const [secret, previous] = this.#sealed(w);
      const params = [w.url, JSON.stringify(w.events), w.description, w.active, secret, previous, w.previousSecretUntil, w.cursor, w.failingSince, w.updatedAt, w.id, w.tenantId];
      return this.#run(q.update, params);
    });
  }

  remove(tenantId: string, id: string): Stored<void> {
    return Effect.andThen(this.#run(q.removeDeliveries, [id, tenantId]), this.#run(q.remove, [id, tenantId]));
  }

  setHealth(tenantId: string, id: string, health: { readonly failingSince: Date | null; readonly disable: boolean }, at: Date): Stored<void> {
    return health.disable ? this.#run(q.disable, [health.failingSince, false, at, id, tenantId]) : this.#run(q.health, [health.failingSince, id, tenantId]);
  }

  behind(tenantId: string): Stored<boolean> {
    return this.#rows(q.behind, [tenantStream, tenantId, true]).pipe(Effect.map((rows) => rows.length > 0));
  }

  tenantsBehind(limit: number): Stored<ReadonlyArray<string>> {
    return this.#rows(q.tenantsBehind, [tenantStream, true, limit]).pipe(Effect.map((rows) => rows.map((r) => String(r['tenant_id']))));
  }

  lockActive(tenantId: string): Stored<ReadonlyArray<Webhook>> {
    return this.#rows(q.lockActive(this.#session.dialect), [tenantId, true]).pipe(Effect.flatMap((rows) => Effect.forEach(rows, (row) => toWebhook(row, this.#cipher))));
  }

  advance(tenantId: string, ids: ReadonlyArray<string>, position: number): Stored<void> {
    if (ids.length === 0) return Effect.void;
    return this.#run(q.advance(ids.length), [position, tenantId, position, ...ids]);
  }

  addDeliveries(deliveries: ReadonlyArray<WebhookDelivery>): Stored<void> {
    const statement = q.addDelivery(this.#session.dialect);
    return sql(async () => {
      for (const d of deliveries) await runStatement(this.#session, statement, deliveryParams(d));
    });
  }

  deliveries(tenantId: string, webhookId: string, page: PageRequest): Stored<Page<WebhookDelivery>> {
    const after = newestFirstAfter(page.after);
    if (after === null) return Effect.succeed(emptyPage);
    const [statement, params] =
      after === undefined
        ? [q.deliveries + q.newestFirst, [tenantId, webhookId, page.limit + 1]]
        : [q.deliveries + q.afterPosition + q.newestFirst, [tenantId, webhookId, after.at, after.at, after.id, page.limit + 1]];
    return this.#rows(statement, params).pipe(Effect.map((rows) => pageFrom(rows.map(toDelivery), page, newestFirstPosition)));
  }

  delivery(tenantId: string, webhookId: string, id: string): Stored<WebhookDelivery | null> {
    return this.#rows(q.delivery, [id, tenantId, webhookId]).pipe(Effect.map((rows) => (rows[0] === undefined ? null : toDelivery(rows[0]))));
  }

  claimDue(now: Date, limit: number, lease: DeliveryLease): Stored<ReadonlyArray<WebhookDelivery>> {
    return Effect.gen({ self: this }, function* () {
      const candidates = (yield* this.#rows(q.dueCandidates, [now, now, true, limit])).map((r) => String(r['id']));
      if (candidates.length === 0) return [];
      yield* this.#run(q.lease(candidates.length), [lease.token, lease.until, now, ...candidates]);
      return (yield* this.#rows(q.leased, [lease.token])).map(toDelivery);
    });
  }

  settle(d: WebhookDelivery, token: string): Stored<boolean> {
    const params = [d.status, d.attempts, d.lastStatusCode, d.lastError, d.nextAttemptAt, d.firstAttemptAt, d.deliveredAt, d.id, d.tenantId, token];
    return sql(() => runStatement(this.#session, q.settle, params)).pipe(Effect.map((r) => r.affectedRows === 1));
  }

  reschedule(d: WebhookDelivery): Stored<void> {
    return this.#run(q.reschedule, [d.status, d.nextAttemptAt, d.firstAttemptAt, d.id, d.tenantId]);
  }

  failPending(tenantId: string, webhookId: string, reason: string, _at: Date): Stored<void> {
    return this.#run(q.failPending, [reason, webhookId, tenantId]);
  }

  pruneDeliveries(before: Date, limit: number): Stored<number> {
    const old = "`status` in ('delivered', 'failed') and `created_at` < ?";
    const statement =
      this.#session.dialect === 'mysql'
        ? `delete from \`webhook_deliveries\` where ${old} limit ?`
        : `delete from \`webhook_deliveries\` where rowid in (select rowid from \`webhook_deliveries\` where ${old} limit ?)`;
    return sql(() => runStatement(this.#session, statement, [before, limit])).pipe(Effect.map((r) => r.affectedRows));
  }

  #sealed(w: Webhook): [string, string | null] {
    return [this.#cipher.seal(w.secret), w.previousSecret === null ? null : this.#cipher.seal(w.previousSecret)];
  }

  #rows(statement: string, params: ReadonlyArray<unknown>): Stored<RawRow[]> {
    return sql(() => queryRows(this.#session, statement, params));
  }

  #run(statement: string, params: ReadonlyArray<unknown>): Stored<void> {
    return sql(() => runStatement(this.#session, statement, params)).pipe(Effect.asVoid);
  }
}
