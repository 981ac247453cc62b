import type { ServerResponse } from 'node:http';
import { Effect } from 'effect';
import { resumePoint, type ResumePoint } from '../../../core/events/resume-point.ts';
import type { StreamLease } from '../../../core/events/stream-access.port.ts';
import { releaseStreamLease, renewStreamLeases, streamLeaseRenewalMs } from '../../../core/events/stream-leases.ts';
import type { Actor } from '../../../core/shared/actor.ts';
import { StoreUnavailable } from '../../../core/shared/errors.ts';
import type { DomainEvent } from '../../../core/shared/events.ts';
import type { Clock } from '../../../core/shared/ports.ts';
import type { UnitOfWork } from '../../../core/shared/unit-of-work.port.ts';
import { LiveStream } from './live-stream.ts';
import { TenantFeed, type FeedLogger } from './tenant-feed.ts';

export interface LiveEventsOptions {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly logger: FeedLogger;
  /** A comment line at least this often (15 s at most). */
  readonly heartbeatMs: number;
  /** How long a stream's lease lives without a renewal; this process renews all of its leases together, `streamLeaseRenewals` times per lease life. */
  readonly leaseMs: number;
  readonly maxBufferedBytes: number;
  readonly pageSize?: number;
}

/**
 * This process's live-event streams, by tenant. Told of committed domain events (by this process's
 * commits, or by the broker for every process's), it wakes the tenant's feed, which reads the event log
 * once for all its streams; `agent.capacity_changed` makes it look the user up again, so a deactivated
 * user's streams close and a changed role applies at once.
 */
export class LiveEvents {
  readonly #feeds = new Map<string, TenantFeed>();
  readonly #options: LiveEventsOptions;
  #closing = false;
  #renewal: NodeJS.Timeout | undefined;

  constructor(options: LiveEventsOptions) {
    this.#options = options;
  }

  get streams(): number {
    let n = 0;
    for (const feed of this.#feeds.values()) n += feed.live.size + feed.catchingUp.size;
    return n;
  }

  get closing(): boolean {
    return this.#closing;
  }

  /**
   * Takes over `res` for `actor` holding `lease`: headers now, `event: reset` when `lastEventId` is not a
   * kept event of the tenant, the events after it, then live ones until the client leaves or `until` (its credential runs out).
   */
  open(res: ServerResponse, actor: Actor, lease: StreamLease, lastEventId: string | undefined, until: Date | null = null): Effect.Effect<void, StoreUnavailable> {
    const { uow } = this.#options;
    const release = releaseStreamLease(uow, lease).pipe(Effect.ignore);
    if (this.#closing) return release.pipe(Effect.andThen(Effect.fail(new StoreUnavailable({ cause: 'shutting down' }))));
    return resumePoint(uow, actor.tenantId, lastEventId).pipe(
      Effect.tapError(() => release),
      Effect.map((start) => this.#attach(res, actor, lease, start, until)),
    );
  }

  #attach(res: ServerResponse, actor: Actor, lease: StreamLease, start: ResumePoint, until: Date | null): void {
    const { uow, clock, logger, heartbeatMs, leaseMs, maxBufferedBytes } = this.#options;
    let feed = this.#feeds.get(actor.tenantId);
    if (feed === undefined) {
      const tenantId = actor.tenantId;
      feed = new TenantFeed((position, limit) => uow.read((store) => store.events.after(tenantId, position, limit)), start.position, this.#options.pageSize ?? 500, logger);
      this.#feeds.set(tenantId, feed);
    }
    const owner = feed;
    const stream = new LiveStream(res, actor, lease, start.position, {
      heartbeatMs,
      maxBufferedBytes,
      endAfterMs: until === null ? null : Math.max(0, until.getTime() - clock.now().getTime()),
      onClose: (s) => {
        owner.remove(s);
        if (owner.empty && this.#feeds.get(s.tenantId) === owner) this.#feeds.delete(s.tenantId);
        if (this.#feeds.size === 0) this.#stopRenewal();
        void Effect.runPromise(releaseStreamLease(uow, s.lease)).catch((error: unknown) => logger.warn({ err: String(error) }, 'stream lease release failed'));
      },
    });
    stream.open(start.reset);
    if (this.#closing) return stream.close();
    this.#renewal ??= setInterval(() => this.#renew(new Date(clock.now().getTime() + leaseMs)), streamLeaseRenewalMs(leaseMs));
    void feed.join(stream);
  }

  /** Committed domain events (any process's): wake the feeds of their tenants. */
  notify(events: ReadonlyArray<DomainEvent>): void {
    const tenants = new Set<string>();
    for (const event of events) {
      tenants.add(event.tenantId);
      if (event.type === 'agent.capacity_changed') void this.#recheck(event.tenantId, event.payload.agentId);
    }
    for (const tenantId of tenants) this.#feeds.get(tenantId)?.notify();
  }

  /** Wake every feed (after the broker connection came back: notices may have been lost meanwhile). */
  notifyAll(): void {
    for (const feed of this.#feeds.values()) feed.notify();
  }

  /** Shutdown: new streams are refused and open ones end (clients reconnect to another process). */
  closeAll(): void {
    this.#closing = true;
    this.#stopRenewal();
    for (const feed of [...this.#feeds.values()]) for (const stream of [...feed.live, ...feed.catchingUp]) stream.close();
  }

  #streamsOf(tenantId: string, userId: string): LiveStream[] {
    const feed = this.#feeds.get(tenantId);
    return feed === undefined ? [] : [...feed.live, ...feed.catchingUp].filter((s) => s.userId === userId);
  }

  async #recheck(tenantId: string, userId: string): Promise<void> {
    if (this.#streamsOf(tenantId, userId).length === 0) return;
    try {
      const user = await Effect.runPromise(this.#options.uow.read((store) => store.users.get(tenantId, userId)));
      for (const stream of this.#streamsOf(tenantId, userId)) {
        if (user === null || !user.active) stream.close();
        else stream.role = user.role;
      }
    } catch (error) {
      this.#options.logger.warn({ err: String(error), tenantId }, 'could not look up a changed user of open streams');
    }
  }

  /** Renews the leases of every open stream of this process in one statement. */
  #renew(expiresAt: Date): void {
    const ids: string[] = [];
    for (const feed of this.#feeds.values()) for (const stream of [...feed.live, ...feed.catchingUp]) ids.push(stream.lease.id);
    void Effect.runPromise(renewStreamLeases(this.#options.uow, ids, expiresAt)).then(
      (kept) => {
        if (kept < ids.length) this.#options.logger.warn({ streams: ids.length, renewed: kept }, 'some stream leases were gone at renewal');
      },
      (error: unknown) => this.#options.logger.warn({ err: String(error) }, 'stream lease renewal failed'),
    );
  }

  #stopRenewal(): void {
    clearInterval(this.#renewal);
    this.#renewal = undefined;
  }
}
