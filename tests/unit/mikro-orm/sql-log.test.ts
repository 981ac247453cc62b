import { describe, expect, it } from 'vitest';
import { loggedError } from '../../support/log-capture.ts';
import { LoggableSqlError, statementTemplate } from '../../../adapters/mikro-orm/sql-log.ts';

const logged = loggedError;
const secret = 'hunter2-Sup3r';

describe('statement templates (finding 8)', () => {
  it('replaces every literal by ? and keeps identifiers', () => {
    expect(statementTemplate("insert into `users2` (`email`, n) values ('a@b.c', 42, 'it''s', 'back\\'slash', \"dq\") - Duplicate entry 'a@b.c' for key 'k1'")).toBe(
      'insert into `users2` (`email`, n) values (?, ?, ?, ?, ?) - Duplicate entry ? for key ?',
    );
    expect(statementTemplate('select t1.id from t1 where x = 1.5e3 limit 20')).toBe('select t1.id from t1 where x = ? limit ?');
    expect(statementTemplate("update a set b = 'never closed")).toBe('update a set b = ?');
  });

  it('a mysql2-shaped error logs its codes and template, never its values', () => {
    const raw = Object.assign(new Error(`insert into \`users\` values ('${secret}') - Duplicate entry '${secret}' for key 'x'`), {
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      sqlState: '23000',
      sql: `insert into \`users\` values ('${secret}')`,
      sqlMessage: `Duplicate entry '${secret}' for key 'x'`,
    });
    const line = logged(new LoggableSqlError(raw, { kind: 'defect' }));
    expect(line).not.toContain(secret);
    expect(JSON.parse(line).err).toMatchObject({ message: 'insert into `users` values (?) - Duplicate entry ? for key ?', code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000' });
    // The logger's second net: an unwrapped driver error loses `sql` and `sqlMessage`.
    expect(JSON.parse(logged(raw)).err).not.toHaveProperty('sql');
  });
});
