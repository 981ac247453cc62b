import { Duration, Effect, Option, Result } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { AllocateRoomsUseCase } from './allocate-rooms.use-case.ts';
import type { ReconcileRoomsUseCase } from './reconcile-rooms.use-case.ts';

export interface SweepPlatformResult {
  readonly tenants: number;
  readonly assigned: number;
  /** Tenants whose reconciliation or allocation failed this round (retried on the next tick). */
  readonly failures: ReadonlyArray<{ readonly tenantId: string; readonly reason: string }>;
}

export interface SweepPlatformDeps {
  readonly uow: UnitOfWork;
  readonly reconcile: ReconcileRoomsUseCase;
  readonly allocate: AllocateRoomsUseCase;
  readonly pageSize?: number;
  /** Longest one tenant's reconciliation and allocation may take in a round (a slow platform account holds up nobody else); default 20 s. */
  readonly tenantTimeoutMs?: number;
  /** Tenants swept at once; default 4. */
  readonly concurrency?: number;
}

/**
 * The periodic pass over every tenant with an integration (ALLOCATION_SWEEP_SECONDS): reconcile with
 * the platform, then allocate waiting rooms (agents come online without telling us). One tenant's
 * failure or slowness does not stop the others: each has a time limit, a few run at once.
 */
export class SweepPlatformUseCase {
  readonly #deps: SweepPlatformDeps;

  constructor(deps: SweepPlatformDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(): Effect.Effect<SweepPlatformResult, StoreUnavailable> {
    const { uow, reconcile, allocate } = this.#deps;
    const limit = this.#deps.pageSize ?? 100;
    const timeout = Duration.millis(this.#deps.tenantTimeoutMs ?? 20_000);
    const concurrency = this.#deps.concurrency ?? 4;
    const sweepTenant = (tenantId: string) =>
      Effect.gen(function* () {
        const failures: Array<{ tenantId: string; reason: string }> = [];
        const reconciled = yield* Effect.result(reconcile.execute({ tenantId }));
        if (Result.isFailure(reconciled)) failures.push({ tenantId, reason: reasonOf(reconciled.failure) });
        const allocated = yield* Effect.result(allocate.execute({ tenantId }));
        if (Result.isFailure(allocated)) failures.push({ tenantId, reason: reasonOf(allocated.failure) });
        return { assigned: Result.isSuccess(allocated) ? allocated.success.assigned : 0, failures };
      }).pipe(
        Effect.timeoutOption(timeout),
        Effect.map((done) => (Option.isSome(done) ? done.value : { assigned: 0, failures: [{ tenantId, reason: 'timed out' }] })),
      );
    return Effect.gen(function* () {
      const failures: Array<{ tenantId: string; reason: string }> = [];
      let tenants = 0;
      let assigned = 0;
      let after: string | null = null;
      do {
        const page = yield* uow.read((store) => store.integrations.list({ limit, after }));
        const swept = yield* Effect.forEach(page.items, ({ tenantId }) => sweepTenant(tenantId), { concurrency });
        tenants += page.items.length;
        for (const one of swept) {
          assigned += one.assigned;
          failures.push(...one.failures);
        }
        after = page.next;
      } while (after !== null);
      return { tenants, assigned, failures };
    });
  }
}

const reasonOf = (error: { readonly _tag: string; readonly reason?: string }): string => error.reason ?? error._tag;
