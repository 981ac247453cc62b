import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';

export interface FloorResult {
  readonly allocations: number;
  /** Transactions run again after a deadlock or lock wait timeout. */
  readonly retries: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

type Rows = mysql.RowDataPacket[];

export const percentile = (sorted: ReadonlyArray<number>, p: number): number =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);

const waitingHead =
  "select * from tickets where tenant_id = ? and queued_at is not null and assigned_agent_id is null and status in ('open', 'in_progress') and channel <> 'qiscus' order by priority_rank asc, queued_at asc, id asc limit 50";

/**
 * The floor: the allocator's statements for one ticket (tenant lock, tenant, agents and their loads, queue
 * head, ticket lock, ticket and agent updates, outbox row) in one transaction, in a loop on one mysql2
 * connection, without HTTP, broker, ORM or Effect. The agent choice is the same least-loaded rule.
 */
export const runFloor = async (url: string, tenantId: string, ticketIds: ReadonlyArray<string>): Promise<FloorResult> => {
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z', charset: 'utf8mb4' });
  const latencies: number[] = [];
  let retries = 0;
  const started = performance.now();
  try {
    await conn.query('insert ignore into tenant_locks (tenant_id) values (?)', [tenantId]);
    const allocate = async (ticketId: string): Promise<void> => {
      await conn.query('begin');
      await conn.query('select * from tenant_locks where tenant_id = ? for update', [tenantId]);
      await conn.query<Rows>('select * from tickets where tenant_id = ? and id = ?', [tenantId, ticketId]);
      const [[tenant]] = await conn.query<Rows>('select * from tenants where id = ?', [tenantId]);
      const [agents] = await conn.query<Rows>("select * from users where tenant_id = ? and role = 'agent' and active = 1 order by id asc", [tenantId]);
      const ids = agents.map((a) => a.id as string);
      const [counts] = await conn.query<Rows>(
        "select assigned_agent_id, count(*) as active_tickets from tickets where tenant_id = ? and assigned_agent_id in (?) and status in ('open', 'in_progress') group by assigned_agent_id",
        [tenantId, ids],
      );
      await conn.query<Rows>('select * from reported_loads where tenant_id = ? and agent_id in (?)', [tenantId, ids]);
      const [head] = await conn.query<Rows>(waitingHead, [tenantId]);
      const load = new Map(counts.map((c) => [c.assigned_agent_id as string, Number(c.active_tickets)]));
      const capacity = (a: mysql.RowDataPacket) => (a.max_customers as number | null) ?? (tenant?.max_customers_per_agent as number);
      const eligible = agents.filter((a) => a.availability === 'online' && (load.get(a.id) ?? 0) < capacity(a));
      const agent = eligible.sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || (a.last_assigned_at?.getTime() ?? 0) - (b.last_assigned_at?.getTime() ?? 0))[0];
      const next = head.find((row) => row.channel !== 'qiscus');
      if (agent === undefined || next === undefined) throw new Error('floor: nothing to allocate (seed more floor tickets or capacity)');
      await conn.query<Rows>('select * from tickets where tenant_id = ? and id = ? for update', [tenantId, next.id]);
      const now = new Date();
      await conn.query('update tickets set assigned_agent_id = ?, queued_at = null, updated_at = ? where tenant_id = ? and id = ?', [agent.id, now, tenantId, next.id]);
      await conn.query<Rows>('select * from users where tenant_id = ? and id = ?', [tenantId, agent.id]);
      await conn.query('update users set last_assigned_at = ?, updated_at = ? where tenant_id = ? and id = ?', [now, now, tenantId, agent.id]);
      // The app's decision: the 20 preferred candidates (chosen first) and how many were considered.
      const candidates = [agent, ...eligible.filter((a) => a !== agent)].slice(0, 20).map((a) => ({ agentId: a.id, load: load.get(a.id) ?? 0, capacity: capacity(a) }));
      const payload = { ticketId: next.id, agentId: agent.id, previousAgentId: null, by: 'allocator', decision: { candidates, considered: agents.length, reason: 'least_loaded' } };
      await conn.query('insert into outbox (id, tenant_id, type, payload, occurred_at) values (?, ?, ?, ?, ?)', [randomUUID(), tenantId, 'ticket.assigned', JSON.stringify(payload), now]);
      await conn.query('commit');
    };
    for (const ticketId of ticketIds) {
      const t0 = performance.now();
      // Like the app's unit of work: the whole transaction again on a deadlock (the relay's outbox claim) or lock wait timeout.
      for (let attempt = 1; ; attempt++) {
        try {
          await allocate(ticketId);
          break;
        } catch (error) {
          await conn.query('rollback');
          if (![1213, 1205].includes((error as { errno?: number }).errno ?? 0) || attempt >= 5) throw error;
          retries += 1;
        }
      }
      latencies.push(performance.now() - t0);
    }
  } finally {
    await conn.end();
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { allocations: ticketIds.length, retries, perSecond: ticketIds.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
};
