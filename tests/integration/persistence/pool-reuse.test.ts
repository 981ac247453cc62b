import { expect, it } from 'vitest';
import { mysqlOnly, openedFor } from './persistence-env.ts';

mysqlOnly('the MySQL pool between bursts', (env) => {
  const opened = openedFor(env);

  // Four statements at once make the pool open four connections; which ones serve the next burst?
  const burst = async (): Promise<Set<number>> => {
    const rows = await Promise.all(
      Array.from({ length: 4 }, () => opened().orm.em.getConnection().execute<Array<{ id: number }>>('select connection_id() as id, sleep(0.2) as slept')),
    );
    return new Set(rows.map((r) => Number(r[0]?.id)));
  };

  it('keeps its connections across a pause of a few seconds instead of reconnecting', async () => {
    const first = await burst();
    expect(first.size).toBe(4);
    // mysql2 sweeps free connections once a second; with maxIdle 0 every sweep closed them all.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const second = await burst();
    expect([...second].filter((id) => first.has(id))).toHaveLength(4);
  });
});
