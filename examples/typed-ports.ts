// Bring your own adapter: the core's ports and results are plain TypeScript types.
import { Effect } from 'effect';
import { CreateTenantUseCase, type Clock, type IdGenerator, type Tenant } from 'switchboard';
import { MemoryUnitOfWork } from 'switchboard/memory';
import { Argon2PasswordHasher } from 'switchboard/crypto';
import type { SwitchboardOptions } from 'switchboard/app';

/** A clock fixed at one instant, e.g. for replaying a day. */
export const fixedClock = (at: Date): Clock => ({ now: () => at });

/** Ids from a counter: `t-1`, `t-2`, … */
export const counterIds = (prefix: string): IdGenerator => {
  let n = 0;
  return { next: () => `${prefix}-${++n}` };
};

export const options: SwitchboardOptions = { databaseUrl: 'sqlite:./data/support.db', jwtSecret: 'at least thirty-two bytes of secret!!' };

export const createTenantAt = (at: Date): Promise<Tenant> =>
  Effect.runPromise(
    new CreateTenantUseCase({ uow: new MemoryUnitOfWork(), clock: fixedClock(at), ids: counterIds('t'), hasher: new Argon2PasswordHasher() })
      .execute({ name: 'Replay', adminEmail: 'admin@replay.test', adminPassword: 'correct horse battery' })
      .pipe(Effect.map(({ tenant }) => tenant)),
  );
