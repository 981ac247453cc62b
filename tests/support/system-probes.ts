import type mysql from 'mysql2/promise';

type Rows = mysql.RowDataPacket[];

export interface TicketState {
  readonly id: string;
  readonly status: string;
  readonly assignedAgentId: string | null;
  readonly queuedAt: Date | null;
}

/** Every ticket of the tenant as the database has it now. */
export const ticketStates = async (sql: mysql.Pool, tenantId: string): Promise<TicketState[]> => {
  const [rows] = await sql.query<Rows>('select id, status, assigned_agent_id, queued_at from tickets where tenant_id = ? order by id', [tenantId]);
  return rows.map((r) => ({ id: r.id, status: r.status, assignedAgentId: r.assigned_agent_id, queuedAt: r.queued_at }));
};

/** Each agent's active (open or in_progress) tickets, counted by SQL. */
export const activeLoads = async (sql: mysql.Pool, tenantId: string): Promise<Map<string, number>> => {
  const [rows] = await sql.query<Rows>(
    "select assigned_agent_id as agent, count(*) as n from tickets where tenant_id = ? and assigned_agent_id is not null and status in ('open', 'in_progress') group by assigned_agent_id",
    [tenantId],
  );
  return new Map(rows.map((r) => [r.agent as string, Number(r.n)]));
};

/** How many outbox events of `type` name each ticket. */
export const eventsPerTicket = async (sql: mysql.Pool, tenantId: string, type: string): Promise<Map<string, number>> => {
  const [rows] = await sql.query<Rows>(
    "select json_value(payload, '$.ticketId') as ticket, count(*) as n from outbox where tenant_id = ? and type = ? group by ticket",
    [tenantId, type],
  );
  return new Map(rows.map((r) => [r.ticket as string, Number(r.n)]));
};

/**
 * Unpublished outbox rows of the given types (the routing keys some queue is bound to). Rows of types
 * no queue is bound to are returned by the broker and stay unsent by design, so they are not counted.
 */
export const unpublishedEvents = async (sql: mysql.Pool, types: ReadonlyArray<string>): Promise<number> => {
  const [rows] = types.includes('#')
    ? await sql.query<Rows>('select count(*) as n from outbox where published_at is null')
    : await sql.query<Rows>('select count(*) as n from outbox where published_at is null and type in (?)', [types]);
  return Number(rows[0]?.n ?? 0);
};

/** Samples every agent's active-ticket count in a loop until stopped; keeps the highest seen per agent. */
export class LoadSampler {
  readonly #sql: mysql.Pool;
  readonly #tenantId: string;
  readonly #max = new Map<string, number>();
  #samples = 0;
  #running = true;
  readonly #loop: Promise<void>;

  constructor(sql: mysql.Pool, tenantId: string, intervalMs = 10) {
    this.#sql = sql;
    this.#tenantId = tenantId;
    this.#loop = this.#run(intervalMs);
  }

  get samples(): number {
    return this.#samples;
  }

  /** The highest load seen for any agent so far. */
  get highest(): number {
    return Math.max(0, ...this.#max.values());
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
  }

  async #run(intervalMs: number): Promise<void> {
    while (this.#running) {
      const loads = await activeLoads(this.#sql, this.#tenantId);
      for (const [agent, n] of loads) this.#max.set(agent, Math.max(n, this.#max.get(agent) ?? 0));
      this.#samples += 1;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Polls `probe` until `done` holds; fails with the last value after `timeoutMs`. */
export const eventually = async <A>(what: string, probe: () => Promise<A>, done: (a: A) => boolean, timeoutMs = 30_000, intervalMs = 100): Promise<A> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms; last: ${JSON.stringify(value, (_, v) => (v instanceof Map ? [...v] : v)).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};
