import { randomBytes, randomUUID } from 'node:crypto';
import { runCliProcess } from '../tests/support/system-processes.ts';
import { call, login, postConversation, type SignedChannel } from '../tests/support/system-tenant.ts';
import { flatnessScenarios, seedAgentsAndBacklog, type InsertRows } from './allocation-seed.ts';

/** What the flatness phase needs of a running stack. */
export interface FlatnessStack {
  readonly api: string;
  /** The environment the stack's processes run with (the CLI creates the tenants with it). */
  readonly env: Record<string, string>;
  readonly insertRows: InsertRows;
  /** Ticket id → when it was assigned (app clock), over every tenant. */
  readonly assignedAt: () => Promise<Map<string, number>>;
}

export interface FlatnessResult {
  readonly lines: ReadonlyArray<string>;
  /** Best / worst peak allocation rate over the four scenarios. */
  readonly ratio: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A tenant made by the CLI, with auto-assignment on, agents of `capacity`, and a signed channel. */
const tenantFor = async (stack: FlatnessStack, name: string, capacity: number): Promise<{ tenantId: string; channel: SignedChannel }> => {
  const email = `admin-${randomUUID().slice(0, 8)}@flatness.bench`;
  const password = randomBytes(12).toString('hex');
  const out = await runCliProcess(['tenant', 'create', '--name', `Flatness ${name}`, '--admin-email', email, '--admin-password', password], stack.env);
  const tenantId = (JSON.parse(out.slice(out.indexOf('{\n'))) as { tenant: { id: string } }).tenant.id;
  const admin = await login(stack.api, email, password);
  await call(stack.api, 'PATCH', '/api/settings', { max_customers_per_agent: capacity, auto_assign: true }, admin);
  const channel = (await call(stack.api, 'POST', '/api/channels', { name: 'flatness' }, admin)).body as SignedChannel;
  return { tenantId, channel };
};

/**
 * Peak allocation per scenario — (10 | 1,000 agents) × (0 | 10,000 waiting rooms), each a tenant of its own seeded
 * with bench/allocation-seed.ts — as new conversations per second from 32 connections flat out for `seconds`,
 * counted from the first webhook to the last assignment; flatness is the best peak over the worst.
 */
export const measureFlatness = async (stack: FlatnessStack, seconds: number): Promise<FlatnessResult> => {
  const lines: Array<string> = [];
  const peaks: Array<number> = [];
  for (const scenario of flatnessScenarios(0)) {
    const { tenantId, channel } = await tenantFor(stack, scenario.name, scenario.capacity);
    await seedAgentsAndBacklog(stack.insertRows, tenantId, scenario);
    // A few conversations first, so the tenant's first drain and the JIT are not in the measured second.
    for (let i = 0; i < 5; i++) await postConversation(stack.api, channel, `warm-${randomUUID()}`);
    const accepted = new Set<string>();
    const start = Date.now();
    const until = start + seconds * 1000;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (Date.now() < until) {
          const reply = await postConversation(stack.api, channel, `flat-${randomUUID()}`).catch(() => ({ status: 0, body: {} as Record<string, unknown> }));
          if (reply.status === 202) accepted.add(reply.body.ticket_id as string);
        }
      }),
    );
    let assigned = await stack.assignedAt();
    for (let i = 0; i < 300 && [...accepted].some((id) => !assigned.has(id)); i++) {
      await sleep(100);
      assigned = await stack.assignedAt();
    }
    const times = [...accepted].map((id) => assigned.get(id)).filter((t): t is number => t !== undefined);
    const peak = times.length / (Math.max(start + 1, ...times) / 1000 - start / 1000);
    peaks.push(peak);
    lines.push(`  ${scenario.name.padEnd(26)} ${String(accepted.size).padStart(5)} accepted, ${String(times.length).padStart(5)} assigned, ${peak.toFixed(0)} allocations/s`);
  }
  const ratio = Math.max(...peaks) / Math.min(...peaks);
  return { lines, ratio };
};
