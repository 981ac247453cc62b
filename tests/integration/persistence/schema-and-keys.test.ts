import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { DuplicateKey, StoreUnavailable } from '../../../core/shared/errors.ts';
import { domainEvent } from '../../../core/shared/events.ts';
import { mysqlMigrations } from '../../../adapters/mikro-orm/migrations/mysql/index.ts';
import { sqliteMigrations } from '../../../adapters/mikro-orm/migrations/sqlite/index.ts';
import { openTarget, type SwitchboardDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import { aCustomer, aMessage, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';
import { dialects, failureOf, inTransaction, openedFor, reading } from './persistence-env.ts';

const mysqlSchema = [
  "select table_name t, column_name c, column_type ty, is_nullable n, collation_name co from information_schema.columns where table_schema = database() and table_name not like 'mikro_orm%' order by 1, 2",
  "select table_name t, index_name i, seq_in_index s, column_name c, non_unique u from information_schema.statistics where table_schema = database() and table_name not like 'mikro_orm%' order by 1, 2, 3",
  'select constraint_name n, table_name t, referenced_table_name r, delete_rule d from information_schema.referential_constraints where constraint_schema = database() order by 1',
];
const sqliteSchema = ["select type, name, tbl_name, sql from sqlite_master where name not like 'mikro_orm%' and name not like 'sqlite_%' order by name"];

/** Tables, columns, indexes and foreign keys as the database itself reports them. */
const schemaOf = async (db: SwitchboardDatabase): Promise<unknown> => {
  const connection = db.orm.em.fork().getConnection();
  if (db.target.dialect === 'mysql') return Promise.all(mysqlSchema.map((query) => connection.execute(query)));
  // SQLite keeps a renamed column's new name in double quotes: the same identifier either way.
  const rows = await Promise.all(sqliteSchema.map((query) => connection.execute<Array<Record<string, unknown>>>(query)));
  return rows.map((list) => list.map((row: Record<string, unknown>) => ({ ...row, sql: typeof row['sql'] === 'string' ? row['sql'].replace(/"(\w+)"/gu, '`$1`') : row['sql'] })));
};

const exotic = 'Zoë 😀 𝄞 𠜎 中文 — ✓';

for (const env of dialects()) {
  describe(`MikroORM store on ${env.name}`, () => {
    const opened = openedFor(env);

    it('migrates from empty to exactly the schema the entities generate', async () => {
      const names = (env.name === 'mysql' ? mysqlMigrations() : sqliteMigrations()).map((m) => m.name);
      expect((await opened().orm.migrator.getExecuted()).map((m) => m.name)).toEqual(names);
      expect(await opened().migrate()).toEqual([]);
      const generated = await env.openEmpty();
      try {
        await generated.orm.schema.create();
        const migrated = await schemaOf(opened());
        expect(JSON.stringify(migrated)).toContain('tickets_queue_index');
        expect(migrated).toEqual(await schemaOf(generated));
      } finally {
        await generated.close();
      }
    });

    it('round-trips emoji and 4-byte characters in every kind of text column', async () => {
      const tenant = aTenant().build();
      const customer = aCustomer(tenant.id).named(exotic).withExternalId(`ext-${exotic}`).build();
      const ticket = aTicket(tenant.id, customer.id).titled(exotic, `${exotic}\n`.repeat(50)).build();
      const event = domainEvent('settings.changed', { id: crypto.randomUUID(), tenantId: tenant.id, occurredAt: new Date() }, { maxCustomersPerAgent: 3, autoAssign: true });
      const stored = await inTransaction(opened(), (store) =>
        store.tenants
          .insert({ ...tenant, name: exotic })
          .pipe(
            Effect.andThen(store.customers.insert(customer)),
            Effect.andThen(store.tickets.insert(ticket)),
            Effect.andThen(store.messages.append(aMessage(ticket).saying(exotic).build())),
            Effect.andThen(store.outbox.append([{ ...event, payload: { ...event.payload } }])),
          ),
      );
      expect(stored).toBeUndefined();
      const back = await reading(opened(), (store) =>
        Effect.all([store.tenants.get(tenant.id), store.customers.findByExternalId(tenant.id, `ext-${exotic}`), store.tickets.get(tenant.id, ticket.id), store.messages.list(tenant.id, ticket.id, { limit: 5, after: null })]),
      );
      expect(back[0]?.name).toBe(exotic);
      expect(back[1]?.name).toBe(exotic);
      expect(back[2]?.title).toBe(exotic);
      expect(back[2]?.description).toBe(`${exotic}\n`.repeat(50));
      expect(back[3].items[0]?.message).toBe(exotic);
    });

    it('keeps datetimes to the millisecond, in UTC', async () => {
      const tenant = aTenant().build();
      const at = new Date('2031-07-04T23:59:58.123Z');
      const customer = aCustomer(tenant.id).createdAt(at).build();
      await inTransaction(opened(), (store) => store.customers.insert(customer));
      const back = await reading(opened(), (store) => store.customers.get(tenant.id, customer.id));
      expect(back?.createdAt.toISOString()).toBe('2031-07-04T23:59:58.123Z');
    });

    it('maps unique violations to DuplicateKey with the port key name, and rolls the unit back', async () => {
      const tenant = aTenant().build();
      const user = aStaffUser(tenant.id).build();
      const loginUser = { ...aStaffUser(tenant.id).build(), passwordHash: 'hash' };
      const customer = aCustomer(tenant.id).withExternalId('wa:123').build();
      const ticket = aTicket(tenant.id, customer.id).onChannel('qiscus', null, 'room-1').build();
      await inTransaction(opened(), (store) =>
        Effect.all([store.tenants.insert(tenant), store.users.insert(user), store.users.insert(loginUser), store.customers.insert(customer), store.tickets.insert(ticket)]),
      );
      const other = aTenant().build();
      const cases: ReadonlyArray<[string, Parameters<SwitchboardDatabase['uow']['transaction']>[0]]> = [
        ['tenants.id', (store) => store.tenants.insert(tenant)],
        ['users.email', (store) => store.users.insert({ ...aStaffUser(tenant.id).build(), email: user.email.toUpperCase() })],
        ['users.login_email', (store) => store.users.insert({ ...aStaffUser(other.id).build(), email: ` ${loginUser.email.toUpperCase()}`, passwordHash: 'h' })],
        ['users.id', (store) => store.users.insert({ ...user, email: 'other@example.test' })],
        ['customers.external_id', (store) => store.customers.insert(aCustomer(tenant.id).withExternalId('wa:123').build())],
        ['tickets.external_ref', (store) => store.tickets.insert(aTicket(tenant.id, customer.id).onChannel('qiscus', null, 'room-1').build())],
        ['tickets.id', (store) => store.tickets.insert({ ...ticket, externalRef: null })],
      ];
      for (const [key, write] of cases) {
        const marker = aCustomer(tenant.id).build();
        const failure = await failureOf(opened().uow.transaction((store) => store.customers.insert(marker).pipe(Effect.andThen(write(store)))));
        expect(failure).toEqual(new DuplicateKey({ key }));
        expect(await reading(opened(), (store) => store.customers.get(tenant.id, marker.id))).toBeNull();
      }
    });

    it('lets a resolved ticket keep its room id while a new active ticket takes it', async () => {
      const tenant = aTenant().build();
      const customer = aCustomer(tenant.id).build();
      const old = aTicket(tenant.id, customer.id).onChannel('qiscus', null, 'room-9').withStatus('resolved').build();
      const current = aTicket(tenant.id, customer.id).onChannel('qiscus', null, 'room-9').createdAt(new Date('2031-01-01T00:00:00Z')).build();
      await inTransaction(opened(), (store) => Effect.all([store.customers.insert(customer), store.tickets.insert(old), store.tickets.insert(current)]));
      const latest = await reading(opened(), (store) => store.tickets.findLatestByExternalRef(tenant.id, 'qiscus', 'room-9'));
      expect(latest?.id).toBe(current.id);
    });
  });
}

describe('MikroORM store without a reachable server', () => {
  it('fails units with StoreUnavailable, not a defect', async () => {
    const db = await openTarget(
      { dialect: 'mysql', host: '127.0.0.1', port: 1, user: 'root', password: '', database: 'switchboard' },
      { migrate: false, retry: { attempts: 1, baseDelayMs: 1 } },
    );
    try {
      const failure = await failureOf(db.uow.transaction((store) => store.tenants.get('t')));
      expect(failure).toBeInstanceOf(StoreUnavailable);
      expect(await db.ping()).toBe(false);
    } finally {
      await db.close();
    }
  });
});
