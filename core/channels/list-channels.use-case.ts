import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, StoreUnavailable } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { withoutSecret, type ChannelSummary } from './channel.ops.ts';

/** The tenant's channels, oldest first, without their secrets (admin). */
export class ListChannelsUseCase {
  readonly #uow: UnitOfWork;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: PageRequest, actor: Actor): Effect.Effect<Page<ChannelSummary>, Forbidden | StoreUnavailable> {
    return authorize(actor, 'channels.manage').pipe(
      Effect.andThen(() => this.#uow.read((store) => store.channels.list(actor.tenantId, input))),
      Effect.map((page) => ({ items: page.items.map(withoutSecret), next: page.next })),
    );
  }
}
