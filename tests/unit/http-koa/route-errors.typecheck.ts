// Compiled by `npm run typecheck`, never run: each `@ts-expect-error` fails the typecheck if its route stops being refused.
import { Effect } from 'effect';
import { NotFound, StoreUnavailable } from '../../../core/shared/errors.ts';
import { ok, staffRoute, type AnyRoute } from '../../../adapters/http-koa/route.ts';

const lookup = (found: boolean): Effect.Effect<string, NotFound | StoreUnavailable> =>
  found ? Effect.succeed('x') : Effect.fail(new NotFound({ entity: 'ticket' }));

const shape = { method: 'get', path: '/x', tag: 'X', summary: 'x', success: { status: 200, description: 'x' } } as const;

export const checkedLists: ReadonlyArray<AnyRoute> = [
  staffRoute({ ...shape, errors: ['NotFound', 'StoreUnavailable'], handle: () => lookup(true).pipe(Effect.map(ok)) }),
  staffRoute({ ...shape, errors: ['StoreUnavailable', 'NotFound'], handle: () => lookup(true).pipe(Effect.map(ok)) }),
  // @ts-expect-error NotFound is left out
  staffRoute({ ...shape, errors: ['StoreUnavailable'], handle: () => lookup(true).pipe(Effect.map(ok)) }),
  // @ts-expect-error TicketClosed is not an error of the handler
  staffRoute({ ...shape, errors: ['NotFound', 'StoreUnavailable', 'TicketClosed'], handle: () => lookup(true).pipe(Effect.map(ok)) }),
  staffRoute({ ...shape, errors: [], handle: () => Effect.succeed(ok(null)) }),
  // @ts-expect-error a handler that fails needs its tags listed
  staffRoute({ ...shape, errors: [], handle: () => Effect.fail(new StoreUnavailable({})) }),
];
