import { CompiledQuery, type AbortableQueryOptions, type DatabaseConnection, type Kysely, type QueryResult } from 'kysely';

interface Lease {
  readonly db: DatabaseConnection;
  readonly release: () => void;
}

interface Statement {
  readonly sql: string;
  readonly parameters: ReadonlyArray<unknown>;
}

interface OkPacket {
  readonly insertId?: number | string | bigint;
  readonly affectedRows?: number;
  readonly changedRows?: number;
}

/** The last result of a multi-statement batch, shaped like the single-statement result kysely gives. */
const lastResult = (batch: QueryResult<unknown>): QueryResult<unknown> => {
  const last = (batch.rows as ReadonlyArray<unknown>)[batch.rows.length - 1];
  if (Array.isArray(last)) return { rows: last };
  const ok = (last ?? {}) as OkPacket;
  return {
    rows: [],
    ...(ok.insertId !== undefined && String(ok.insertId) !== '0' ? { insertId: BigInt(ok.insertId) } : {}),
    ...(ok.affectedRows === undefined ? {} : { numAffectedRows: BigInt(ok.affectedRows) }),
    ...(ok.changedRows === undefined ? {} : { numChangedRows: BigInt(ok.changedRows) }),
  };
};

/**
 * A MySQL/MariaDB transaction on one pooled connection that saves round trips (needs `multipleStatements`):
 * BEGIN travels with the first statement, and writes whose result nobody needs (`defer`) travel with
 * COMMIT. A transaction that sent nothing sends nothing. Stands in for MikroORM's transaction context,
 * of which MikroORM only calls `executeQuery`.
 */
export class PipelinedTransaction {
  readonly #client: () => Promise<Kysely<unknown>>;
  #lease: Promise<Lease> | null = null;
  #begun = false;
  #deferred: Statement[] = [];

  /** `client` gives the pool's Kysely instance once the ORM is connected. */
  constructor(client: () => Promise<Kysely<unknown>>) {
    this.#client = client;
  }

  async executeQuery<R>(query: CompiledQuery<R>, options?: AbortableQueryOptions): Promise<QueryResult<R>> {
    const { db } = await this.#connection();
    if (this.#deferred.length > 0) await this.#send(db, this.#takeDeferred());
    if (this.#begun) return db.executeQuery<R>(query, options);
    this.#begun = true;
    const batch = await db.executeQuery<unknown>(CompiledQuery.raw(`begin; ${query.sql}`, [...query.parameters]), options);
    return lastResult(batch) as QueryResult<R>;
  }

  /** Queues a write to go out with the next batch (usually COMMIT): its failure fails that batch. */
  defer(sql: string, parameters: ReadonlyArray<unknown>): void {
    this.#deferred.push({ sql, parameters });
  }

  async commit(): Promise<void> {
    if (!this.#begun && this.#deferred.length === 0) return;
    const { db } = await this.#connection();
    await this.#send(db, [...this.#takeDeferred(), { sql: 'commit', parameters: [] }]);
  }

  async rollback(): Promise<void> {
    this.#deferred = [];
    if (!this.#begun) return;
    const { db } = await this.#connection();
    await db.executeQuery(CompiledQuery.raw('rollback'));
  }

  /** Gives the connection back to the pool; call once, after commit or rollback. */
  async release(): Promise<void> {
    const lease = this.#lease;
    this.#lease = null;
    if (lease !== null) (await lease.catch(() => null))?.release();
  }

  #takeDeferred(): Statement[] {
    const statements = this.#deferred;
    this.#deferred = [];
    return statements;
  }

  async #send(db: DatabaseConnection, statements: ReadonlyArray<Statement>): Promise<void> {
    const batch = this.#begun ? statements : [{ sql: 'begin', parameters: [] }, ...statements];
    this.#begun = true;
    await db.executeQuery(CompiledQuery.raw(batch.map((s) => s.sql).join('; '), batch.flatMap((s) => s.parameters)));
  }

  #connection(): Promise<Lease> {
    this.#lease ??= new Promise<Lease>((resolve, reject) => {
      this.#client()
        .then((client) =>
          client.getExecutor().provideConnection((db) => new Promise<void>((release) => resolve({ db, release: () => release() }))),
        )
        .catch(reject);
    });
    return this.#lease;
  }
}
