// Write cost of the support report's indexes and per-day counts, at the store (no HTTP):
// `node bench/ticket-writes.bench.ts` on SQLite, and with MYSQL_URL also MariaDB/MySQL (database
// `switchboard_writes_bench`, dropped afterwards). BENCH_REPO=/path/to/checkout runs another checkout's
// adapters (e.g. main before a change) with this same script; BENCH_DROP_REPORT_INDEXES=1 drops the report's
// covering indexes after migrating, to price them.
import { join, resolve } from 'node:path';
import { Effect } from 'effect';
import type { SwitchboardDatabase } from '../adapters/mikro-orm/open-database.ts';
import { newTicketFacts, type Ticket } from '../core/tickets/ticket.ts';
import { prng, uuidV7At } from './bench-ids.ts';
import { insertStoreBenchTenant, onEachStore, storeBenchTenant } from './seed.ts';

const repo = resolve(process.env.BENCH_REPO ?? new URL('..', import.meta.url).pathname);
const { openDatabase } = (await import(join(repo, 'adapters/mikro-orm/open-database.ts'))) as typeof import('../adapters/mikro-orm/open-database.ts');
const base = Number(process.env.BENCH_TICKETS ?? 20_000);
const writes = Number(process.env.BENCH_WRITES ?? 2_000);
const reportIndexes = [
  'tickets_report_created_index', 'tickets_resolved_index', 'tickets_responded_index', 'tickets_first_assigned_index', 'tickets_assigned_at_index',
  'tickets_wait_order_index', 'tickets_response_order_index', 'tickets_resolution_order_index', 'tickets_responder_order_index', 'tickets_report_index',
];
const day = 86_400_000;
const now = Date.UTC(2026, 11, 1, 9, 30);
const tenant = storeBenchTenant(now);
const { tenantId, customerId, agents } = tenant;
const random = prng(11);

const aTicket = (i: number, created: number): Ticket => {
  const agent = agents[i % agents.length]!;
  return {
    ...newTicketFacts,
    id: uuidV7At(created, i),
    tenantId,
    title: `Ticket ${i}`,
    description: null,
    status: 'in_progress',
    priority: 'medium',
    assignedAgentId: agent,
    customerId,
    channel: 'api',
    channelId: null,
    externalRef: null,
    queuedAt: null,
    sla: { targets: { firstResponseMinutes: 30, resolutionMinutes: null }, businessHours: null, firstResponseDueAt: new Date(created + 1_800_000), resolutionDueAt: null, firstResponseBreachedAt: null, resolutionBreachedAt: null },
    firstRespondedAt: new Date(created + Math.floor(random() * 3_600_000)),
    firstResponderId: agent,
    assignedAt: new Date(created + 1000),
    firstAssignedAt: new Date(created + 1000),
    waitMs: Math.floor(random() * 600_000),
    createdAt: new Date(created),
    updatedAt: new Date(created),
  };
};

const timed = async (label: string, n: number, one: (i: number) => Promise<unknown>) => {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await one(i);
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(n - 1, Math.floor(q * n))]!.toFixed(2);
  console.log(`${label}: ${(n / seconds).toFixed(0)} writes/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
};

const bench = async (label: string, url: string, dropIndexes: (db: SwitchboardDatabase) => Promise<void>) => {
  const db = await openDatabase(url);
  try {
    await insertStoreBenchTenant(db, tenant, now, false);
    for (let start = 0; start < base; start += 2000) {
      const batch = Array.from({ length: Math.min(2000, base - start) }, (_, k) => aTicket(start + k, now - 90 * day + Math.floor(((start + k) / base) * 90 * day)));
      await Effect.runPromise(db.uow.transaction((s) => Effect.forEach(batch, (t) => s.tickets.insert(t), { discard: true })));
    }
    await dropIndexes(db);
    const fresh = Array.from({ length: writes }, (_, i) => aTicket(base + i, now + i * 1000));
    // Intake: one new ticket per unit of work (what POST /api/tickets and a new channel conversation write to `tickets`).
    await timed(`${label} intake`, writes, (i) => Effect.runPromise(db.uow.transaction((s) => s.tickets.insert(fresh[i]!))));
    // Status changes: lock, resolve; lock, reopen (what PATCH /api/tickets/{id}/status writes to `tickets`).
    await timed(`${label} status change`, writes, (i) =>
      Effect.runPromise(
        db.uow.transaction((s) =>
          Effect.gen(function* () {
            const t = (yield* s.tickets.get(tenantId, fresh[Math.floor(i / 2)]!.id, { forUpdate: true }))!;
            const at = new Date(now + writes * 1000 + i * 1000);
            yield* s.tickets.update(i % 2 === 0 ? { ...t, status: 'resolved', resolvedAt: at, updatedAt: at } : { ...t, status: 'in_progress', resolvedAt: null, updatedAt: at });
          }),
        ),
      ),
    );
  } finally {
    await db.close();
  }
};

const drop = process.env.BENCH_DROP_REPORT_INDEXES === '1';
const variant = `${process.env.BENCH_REPO ?? 'this checkout'}${drop ? ', report indexes dropped' : ''}`;
/** Drops the report's covering indexes where the migrations made them. */
const dropReportIndexes = async (db: SwitchboardDatabase) => {
  if (!drop) return;
  const connection = db.orm.em.getConnection();
  for (const index of reportIndexes) {
    const statement = db.target.dialect === 'sqlite' ? `drop index if exists \`${index}\`` : `alter table \`tickets\` drop index if exists \`${index}\``;
    await connection.execute(statement);
  }
};
await onEachStore('switchboard_writes_bench', (store, url) => bench(`${store} (${variant})`, url, dropReportIndexes));
