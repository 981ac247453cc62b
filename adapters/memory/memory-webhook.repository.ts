import { Effect } from 'effect';
import type { Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { Webhook, WebhookDelivery } from '../../core/webhooks/webhook.ts';
import type { DeliveryLease, WebhookRepository } from '../../core/webhooks/webhook.port.ts';
import { MemoryTable, type MemoryDatabase } from './memory-database.ts';
import { MemoryEventLog } from './memory-event-log.ts';
import { newestFirst, pageOf } from './memory-page.ts';

type LeasedDelivery = WebhookDelivery & { readonly lease: DeliveryLease | null };

interface Tables {
  readonly webhooks: MemoryTable<Webhook>;
  /** Keyed by delivery id. */
  readonly deliveries: MemoryTable<LeasedDelivery>;
}

const tablesOf = new WeakMap<MemoryDatabase, Tables>();

const tables = (db: MemoryDatabase): Tables => {
  let t = tablesOf.get(db);
  if (t === undefined) {
    t = { webhooks: new MemoryTable<Webhook>(db), deliveries: new MemoryTable<LeasedDelivery>(db) };
    tablesOf.set(db, t);
  }
  return t;
};

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const strip = ({ lease: _lease, ...delivery }: LeasedDelivery): WebhookDelivery => delivery;

/** Webhooks in memory; units of work run one at a time, so claims and fan-outs need no lock. */
export class MemoryWebhookRepository implements WebhookRepository {
  readonly #t: Tables;
  readonly #events: MemoryEventLog;

  constructor(db: MemoryDatabase) {
    this.#t = tables(db);
    this.#events = new MemoryEventLog(db);
  }

  insert(webhook: Webhook): Stored<void> {
    return Effect.sync(() => this.#t.webhooks.set(webhook.id, webhook));
  }

  get(tenantId: string, id: string): Stored<Webhook | null> {
    return Effect.sync(() => {
      const w = this.#t.webhooks.get(id);
      return w !== undefined && w.tenantId === tenantId ? w : null;
    });
  }

  list(tenantId: string, page: PageRequest): Stored<Page<Webhook>> {
    return Effect.sync(() => pageOf(this.#of(tenantId).sort(byId), page, (w) => w.id, (w, position) => w.id > position));
  }

  update(webhook: Webhook): Stored<void> {
    return Effect.sync(() => {
      if (this.#t.webhooks.get(webhook.id)?.tenantId === webhook.tenantId) this.#t.webhooks.set(webhook.id, webhook);
    });
  }

  remove(tenantId: string, id: string): Stored<void> {
    return Effect.sync(() => {
      if (this.#t.webhooks.get(id)?.tenantId !== tenantId) return;
      this.#t.webhooks.delete(id);
      for (const d of this.#deliveriesOf(tenantId, id)) this.#t.deliveries.delete(d.id);
    });
  }

  setHealth(tenantId: string, id: string, health: { readonly failingSince: Date | null; readonly disable: boolean }, at: Date): Stored<void> {
    return Effect.sync(() => {
      const w = this.#t.webhooks.get(id);
      if (w === undefined || w.tenantId !== tenantId) return;
      this.#t.webhooks.set(id, { ...w, failingSince: health.failingSince, ...(health.disable ? { active: false, updatedAt: at } : {}) });
    });
  }

  behind(tenantId: string): Stored<boolean> {
    return Effect.map(this.#events.last(tenantId), (last) => this.#of(tenantId).some((w) => w.active && w.cursor < last));
  }

  tenantsBehind(limit: number): Stored<ReadonlyArray<string>> {
    const tenants = [...new Set([...this.#t.webhooks.values()].filter((w) => w.active).map((w) => w.tenantId))];
    return Effect.filter(tenants, (tenantId) => this.behind(tenantId)).pipe(Effect.map((found) => found.slice(0, limit)));
  }

  lockActive(tenantId: string): Stored<ReadonlyArray<Webhook>> {
    return Effect.sync(() => this.#of(tenantId).filter((w) => w.active).sort(byId));
  }

  advance(tenantId: string, ids: ReadonlyArray<string>, position: number): Stored<void> {
    return Effect.sync(() => {
      for (const id of ids) {
        const w = this.#t.webhooks.get(id);
        if (w !== undefined && w.tenantId === tenantId && w.cursor < position) this.#t.webhooks.set(id, { ...w, cursor: position });
      }
    });
  }

  addDeliveries(deliveries: ReadonlyArray<WebhookDelivery>): Stored<void> {
    return Effect.sync(() => {
      const existing = new Set([...this.#t.deliveries.values()].map((d) => `${d.webhookId}:${d.eventId}`));
      for (const d of deliveries) if (!existing.has(`${d.webhookId}:${d.eventId}`)) this.#t.deliveries.set(d.id, { ...d, lease: null });
    });
  }

  deliveries(tenantId: string, webhookId: string, page: PageRequest): Stored<Page<WebhookDelivery>> {
    return Effect.sync(() => {
      const rows = this.#deliveriesOf(tenantId, webhookId).map(strip).sort(newestFirst.compare);
      return pageOf(rows, page, newestFirst.positionOf, newestFirst.isAfter);
    });
  }

  delivery(tenantId: string, webhookId: string, id: string): Stored<WebhookDelivery | null> {
    return Effect.sync(() => {
      const d = this.#t.deliveries.get(id);
      return d !== undefined && d.tenantId === tenantId && d.webhookId === webhookId ? strip(d) : null;
    });
  }

  claimDue(now: Date, limit: number, lease: DeliveryLease): Stored<ReadonlyArray<WebhookDelivery>> {
    return Effect.sync(() => {
      const pending = [...this.#t.deliveries.values()].filter((d) => d.status === 'pending');
      const blocked = (d: LeasedDelivery) =>
        d.ticketId !== null && pending.some((e) => e.webhookId === d.webhookId && e.ticketId === d.ticketId && (e.sequence ?? 0) < (d.sequence ?? 0));
      const due = pending
        .filter((d) => (d.nextAttemptAt?.getTime() ?? Infinity) <= now.getTime())
        .filter((d) => d.lease === null || d.lease.until.getTime() <= now.getTime())
        .filter((d) => this.#t.webhooks.get(d.webhookId)?.active === true && !blocked(d))
        .sort((a, b) => (a.nextAttemptAt?.getTime() ?? 0) - (b.nextAttemptAt?.getTime() ?? 0) || byId(a, b))
        .slice(0, limit);
      for (const d of due) this.#t.deliveries.set(d.id, { ...d, lease });
      return due.map(strip);
    });
  }

  settle(delivery: WebhookDelivery, token: string): Stored<boolean> {
    return Effect.sync(() => {
      const current = this.#t.deliveries.get(delivery.id);
      if (current === undefined || current.tenantId !== delivery.tenantId || current.lease?.token !== token) return false;
      this.#t.deliveries.set(delivery.id, { ...delivery, lease: null });
      return true;
    });
  }

  reschedule(delivery: WebhookDelivery): Stored<void> {
    return Effect.sync(() => {
      const current = this.#t.deliveries.get(delivery.id);
      if (current !== undefined && current.tenantId === delivery.tenantId) this.#t.deliveries.set(delivery.id, { ...delivery, lease: current.lease });
    });
  }

  failPending(tenantId: string, webhookId: string, reason: string, _at: Date): Stored<void> {
    return Effect.sync(() => {
      for (const d of this.#deliveriesOf(tenantId, webhookId)) {
        if (d.status === 'pending') this.#t.deliveries.set(d.id, { ...d, status: 'failed', lastError: reason, nextAttemptAt: null, lease: null });
      }
    });
  }

  #of(tenantId: string): Webhook[] {
    return [...this.#t.webhooks.values()].filter((w) => w.tenantId === tenantId);
  }

  pruneDeliveries(before: Date, limit: number): Stored<number> {
    return Effect.sync(() => {
      const old = [...this.#t.deliveries.values()].filter((d) => d.status !== 'pending' && d.createdAt.getTime() < before.getTime()).slice(0, limit);
      for (const d of old) this.#t.deliveries.delete(d.id);
      return old.length;
    });
  }

  #deliveriesOf(tenantId: string, webhookId: string): LeasedDelivery[] {
    return [...this.#t.deliveries.values()].filter((d) => d.tenantId === tenantId && d.webhookId === webhookId);
  }
}
