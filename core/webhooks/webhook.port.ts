import type { Stored } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Webhook, WebhookDelivery } from './webhook.ts';

/** A claim on due deliveries: they are this caller's until `until` (then claimable again: a crashed worker loses nothing). */
export interface DeliveryLease {
  readonly token: string;
  readonly until: Date;
}

/** The tenants' webhook endpoints and their deliveries. Unique key: one delivery per (webhook, event). */
export interface WebhookRepository {
  insert(webhook: Webhook): Stored<void>;
  get(tenantId: string, id: string): Stored<Webhook | null>;
  /** Oldest first, by id. */
  list(tenantId: string, page: PageRequest): Stored<Page<Webhook>>;
  update(webhook: Webhook): Stored<void>;
  /** Removes the endpoint and every delivery of it. */
  remove(tenantId: string, id: string): Stored<void>;
  /** Sets when the endpoint's failures began, and deactivates it when `disable` (the dispatcher's bookkeeping). */
  setHealth(tenantId: string, id: string, health: { readonly failingSince: Date | null; readonly disable: boolean }, at: Date): Stored<void>;

  /** Whether an active endpoint of the tenant has not been given the tenant's latest events yet. */
  behind(tenantId: string): Stored<boolean>;
  /** Tenants with such an endpoint (the sweep's fan-out), at most `limit`. */
  tenantsBehind(limit: number): Stored<ReadonlyArray<string>>;
  /** The tenant's active endpoints, locked to this unit of work until it ends (fan-outs of a tenant run one at a time). */
  lockActive(tenantId: string): Stored<ReadonlyArray<Webhook>>;
  /** Moves endpoints' cursors forward to `position`. */
  advance(tenantId: string, ids: ReadonlyArray<string>, position: number): Stored<void>;

  /** Adds deliveries; one that exists for the same (webhook, event) is left as it is. */
  addDeliveries(deliveries: ReadonlyArray<WebhookDelivery>): Stored<void>;
  /** The endpoint's deliveries, newest first. */
  deliveries(tenantId: string, webhookId: string, page: PageRequest): Stored<Page<WebhookDelivery>>;
  delivery(tenantId: string, webhookId: string, id: string): Stored<WebhookDelivery | null>;
  /**
   * Leases up to `limit` pending deliveries due at `now`, of active endpoints, across tenants, each the
   * earliest pending one of its ticket for its endpoint (per-ticket order) and not leased by anyone else.
   */
  claimDue(now: Date, limit: number, lease: DeliveryLease): Stored<ReadonlyArray<WebhookDelivery>>;
  /** Writes an attempt's outcome and releases the lease; false (nothing written) when the lease is no longer this caller's. */
  settle(delivery: WebhookDelivery, token: string): Stored<boolean>;
  /** Writes a delivery's status and schedule (a redelivery). */
  reschedule(delivery: WebhookDelivery): Stored<void>;
  /** Turns every pending delivery of the endpoint into a failed one (the endpoint was deactivated). */
  failPending(tenantId: string, webhookId: string, reason: string, at: Date): Stored<void>;
  /** Drops up to `limit` delivered or failed deliveries, of every tenant, created before `before`; returns how many went. Pending ones stay. */
  pruneDeliveries(before: Date, limit: number): Stored<number>;
}

/** Signs one delivery the Standard Webhooks way with each of `secrets`: the `webhook-signature` header value. */
export interface WebhookSigner {
  sign(secrets: ReadonlyArray<string>, id: string, timestamp: number, body: Uint8Array): string;
}
