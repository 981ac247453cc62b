import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Availability } from '../access/user.ts';
import type { Actor } from '../shared/actor.ts';
import { NotFound, type Forbidden, type StoreUnavailable } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { capacityOf, loadOf } from './allocation.policy.ts';

export interface AgentLoadView {
  readonly agentId: string;
  readonly name: string;
  readonly availability: Availability;
  /** The larger of our count of active tickets and the external platform's last figure. */
  readonly load: number;
  readonly capacity: number;
}

/** Every active agent of the tenant, online or not, with load and capacity (admin). */
export class ListAgentLoadsUseCase {
  readonly #uow: UnitOfWork;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: PageRequest, actor: Actor): Effect.Effect<Page<AgentLoadView>, Forbidden | NotFound | StoreUnavailable> {
    const { tenantId } = actor;
    return authorize(actor, 'allocation.view').pipe(
      Effect.andThen(() =>
        this.#uow.read((store) =>
          Effect.gen(function* () {
            const tenant = yield* store.tenants.get(tenantId);
            if (tenant === null) return yield* Effect.fail(new NotFound({ entity: 'tenant' }));
            const page = yield* store.agents.list(tenantId, input);
            const items = page.items.map((agent) => ({
              agentId: agent.agentId,
              name: agent.name,
              availability: agent.availability,
              load: loadOf(agent),
              capacity: capacityOf(agent, tenant.settings.maxCustomersPerAgent),
            }));
            return { items, next: page.next };
          }),
        ),
      ),
    );
  }
}
