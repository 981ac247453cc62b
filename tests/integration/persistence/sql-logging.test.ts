import { Cause, Effect, Exit } from 'effect';
import { expect, it } from 'vitest';
import { sql } from '../../../adapters/mikro-orm/sql-effect.ts';
import { LoggableSqlError } from '../../../adapters/mikro-orm/sql-log.ts';
import { loggedError as logged } from '../../support/log-capture.ts';
import { mysqlOnly } from './persistence-env.ts';

const secret = 'hunter2-Sup3r';

// Finding 8 on the driver that inlines values: mysql2 puts them in `sql`, `sqlMessage` and the message.
mysqlOnly('a failed statement on MariaDB/MySQL', (env) => {
  it('dies with its template and codes, and logs no value', async () => {
    await env.setup();
    const db = await env.open();
    try {
      const connection = db.orm.em.getConnection();
      await connection.execute('create table log_probe (id varchar(50) primary key)');
      await connection.execute('insert into log_probe (id) values (?)', [secret]);
      const exit = await Effect.runPromiseExit(sql(() => connection.execute('insert into log_probe (id) values (?)', [secret])));
      const defect = Exit.isFailure(exit) ? Cause.squash(exit.cause) : null;
      expect(defect).toBeInstanceOf(LoggableSqlError);
      const line = logged(defect);
      expect(line).not.toContain(secret);
      expect(JSON.parse(line).err).toMatchObject({ code: 'ER_DUP_ENTRY', errno: 1062, message: expect.stringContaining('Duplicate entry ? for key ?') });
    } finally {
      await db.close();
      await env.teardown();
    }
  });
});
