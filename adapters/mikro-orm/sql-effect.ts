import { Effect } from 'effect';
import { DuplicateKey, StoreUnavailable } from '../../core/shared/errors.ts';
import { classifySqlError } from './sql-errors.ts';
import { LoggableSqlError } from './sql-log.ts';

// Failures carry the statement's template and codes, never its values: they end up in logs.
const failWith = (error: unknown): Effect.Effect<never, StoreUnavailable> => {
  const failure = classifySqlError(error);
  const loggable = new LoggableSqlError(error, failure);
  if (failure.kind === 'defect' || failure.kind === 'duplicate') return Effect.die(loggable);
  return Effect.fail(new StoreUnavailable({ cause: loggable }));
};

/** Runs one statement: outages and transient conflicts become `StoreUnavailable`, bugs and unexpected duplicates defects. */
export const sql = <A>(statement: () => Promise<A>): Effect.Effect<A, StoreUnavailable> =>
  Effect.tryPromise({ try: statement, catch: (error) => error }).pipe(Effect.catch(failWith));

/** Like `sql`, for writes whose unique violations the port reports as `DuplicateKey` (`primaryKey` names the primary key). */
export const sqlWrite = <A>(primaryKey: string, statement: () => Promise<A>): Effect.Effect<A, StoreUnavailable | DuplicateKey> =>
  Effect.tryPromise({ try: statement, catch: (error) => error }).pipe(
    Effect.catch((error): Effect.Effect<never, StoreUnavailable | DuplicateKey> => {
      const failure = classifySqlError(error);
      if (failure.kind !== 'duplicate') return failWith(error);
      return Effect.fail(new DuplicateKey({ key: failure.key === 'primary' ? primaryKey : failure.key }));
    }),
  );
