import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import { domainEvent } from '../shared/events.ts';
import { type Forbidden, type InvalidInput, NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { checkSettingsChanges, type SettingsChanges, updateSettings } from './tenant.ops.ts';
import type { TenantSettings } from './tenant.ts';

export interface UpdateSettingsDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** An admin changes the tenant's allocation and SLA settings; a real change is announced (raising capacity drains the queue). */
export class UpdateSettingsUseCase {
  readonly #deps: UpdateSettingsDeps;

  constructor(deps: UpdateSettingsDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(
    input: SettingsChanges,
    actor: Actor,
  ): Effect.Effect<TenantSettings, Forbidden | InvalidInput | NotFound | StoreUnavailable> {
    const { uow, clock, ids } = this.#deps;
    return Effect.gen(function* () {
      yield* authorize(actor, 'settings.manage');
      yield* Effect.fromResult(checkSettingsChanges(input));
      return yield* uow.transaction((store) =>
        Effect.gen(function* () {
          const before = yield* store.tenants.get(actor.tenantId);
          if (before === null) return yield* new NotFound({ entity: 'tenant' });
          const now = clock.now();
          const after = yield* Effect.fromResult(updateSettings(before, input, now));
          if (after === before) return before.settings;
          yield* store.tenants.update(after);
          const meta = { id: ids.next(), tenantId: after.id, occurredAt: now };
          yield* store.outbox.append([domainEvent('settings.changed', meta, { maxCustomersPerAgent: after.settings.maxCustomersPerAgent, autoAssign: after.settings.autoAssign })]);
          return after.settings;
        }),
      );
    });
  }
}
