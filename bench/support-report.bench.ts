// The support report on 100,000 tickets: `node bench/support-report.bench.ts` (SQLite), and with
// MYSQL_URL=mysql://root@127.0.0.1:3306 also on MariaDB/MySQL (database `switchboard_report_bench`, recreated).
import { Effect } from 'effect';
import { openDatabase, type SwitchboardDatabase } from '../adapters/mikro-orm/open-database.ts';
import type { Ticket } from '../core/tickets/ticket.ts';
import { newTicketFacts } from '../core/tickets/ticket.ts';
import { prng, uuidV7At } from './bench-ids.ts';
import { insertStoreBenchTenant, onEachStore, storeBenchTenant } from './seed.ts';

const tickets = Number(process.env.BENCH_TICKETS ?? 100_000);
const runs = 15;
const unaligned = ((5 * 60 + 17) * 60 + 3.25) * 1000;
const day = 86_400_000;
const now = Date.UTC(2026, 11, 1);
const tenant = storeBenchTenant(now);
const { tenantId, customerId, agents } = tenant;

const aTicket = (i: number, random: () => number): Ticket => {
  const created = now - Math.floor(random() * 90 * day);
  const status = (['open', 'in_progress', 'resolved', 'closed'] as const)[Math.floor(random() * 4)]!;
  const agent = random() < 0.9 ? agents[Math.floor(random() * agents.length)]! : null;
  const responded = random() < 0.8 ? created + Math.floor(random() * 3_600_000) : null;
  const breached = random() < 0.2;
  return {
    ...newTicketFacts,
    id: uuidV7At(created, i),
    tenantId,
    title: `Ticket ${i}`,
    description: null,
    status,
    priority: 'medium',
    assignedAgentId: agent,
    customerId,
    channel: 'api',
    channelId: null,
    externalRef: null,
    queuedAt: agent === null && (status === 'open' || status === 'in_progress') ? new Date(created) : null,
    sla: { targets: { firstResponseMinutes: 30, resolutionMinutes: null }, businessHours: null, firstResponseDueAt: new Date(created + 1_800_000), resolutionDueAt: null, firstResponseBreachedAt: breached ? new Date(created + 1_800_000) : null, resolutionBreachedAt: null },
    firstRespondedAt: responded === null ? null : new Date(responded),
    firstResponderId: responded === null ? null : agent,
    resolvedAt: status === 'resolved' ? new Date(created + Math.floor(random() * 2 * day)) : null,
    assignedAt: agent === null ? null : new Date(created + 1000),
    firstAssignedAt: agent === null ? null : new Date(created + 1000),
    waitMs: agent === null ? null : Math.floor(random() * 600_000),
    createdAt: new Date(created),
    updatedAt: new Date(created),
  };
};

const seed = async (db: SwitchboardDatabase) => {
  const random = prng(16);
  await insertStoreBenchTenant(db, tenant, now, true);
  for (let start = 0; start < tickets; start += 2000) {
    const batch = Array.from({ length: Math.min(2000, tickets - start) }, (_, k) => aTicket(start + k, random));
    await Effect.runPromise(db.uow.transaction((s) => Effect.forEach(batch, (t) => s.tickets.insert(t), { discard: true })));
  }
};

/** A period of `fromDaysAgo` days ending `endsBefore` ms before the data's end (5 h 17 min 3.25 s: partial days at both ends). */
const measure = async (db: SwitchboardDatabase, label: string, fromDaysAgo: number, endsBefore = 0) => {
  const to = now - endsBefore;
  const period = { from: new Date(to - fromDaysAgo * day), to: new Date(to) };
  const times: number[] = [];
  let figures;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    figures = await Effect.runPromise(db.uow.read((s) => s.reports.figures(tenantId, period)));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${label} ${fromDaysAgo} days${endsBefore === 0 ? ' (whole days)' : ' (partial days at both ends)'}: median ${times[Math.floor(runs / 2)]!.toFixed(1)} ms, worst ${times[runs - 1]!.toFixed(1)} ms (${figures?.ticketsCreated} tickets created in the period)`);
};

const bench = async (label: string, url: string) => {
  const db = await openDatabase(url);
  try {
    const started = performance.now();
    await seed(db);
    console.log(`${label}: seeded ${tickets} tickets in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await measure(db, label, 92);
    await measure(db, label, 92, unaligned);
    await measure(db, label, 7);
    await measure(db, label, 7, unaligned);
  } finally {
    await db.close();
  }
};

await onEachStore('switchboard_report_bench', (store, url) => bench(store, url));
