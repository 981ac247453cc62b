import { Effect, Result } from 'effect';
import type { AgentLoad } from '../allocation/allocation.port.ts';
import type { PlatformAgent } from '../allocation/chat-platform.port.ts';
import { createUser } from '../access/user.ops.ts';
import type { User } from '../access/user.ts';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { IdGenerator } from '../shared/ports.ts';
import type { Store } from '../shared/unit-of-work.port.ts';

/** A platform agent and the tenant user it is mirrored as. */
export interface MirroredAgent {
  readonly user: User;
  readonly platform: PlatformAgent;
}

/** Our user for a platform agent: the linked one, else the same email, else a new agent who cannot log in. */
const mirror = (
  store: Store,
  context: { readonly tenantId: string; readonly ids: IdGenerator; readonly now: Date },
  agent: PlatformAgent,
): Effect.Effect<User | null, StoreUnavailable> =>
  Effect.gen(function* () {
    const { tenantId } = context;
    const link = yield* store.integrations.findAgentLink(tenantId, agent.platformAgentId);
    const linked = link === null ? null : yield* store.users.get(tenantId, link.userId);
    if (linked !== null) return linked;
    let user = yield* store.users.findByEmail(tenantId, agent.email);
    if (user === null) {
      const created = createUser(
        { id: context.ids.next(), tenantId, email: agent.email, name: agent.name.trim() === '' ? agent.email : agent.name, role: 'agent', passwordHash: null },
        context.now,
      );
      if (Result.isFailure(created)) return null;
      // An admin creating the same email right now wins; the agent is mirrored on a later round.
      const inserted = yield* store.users.insert(created.success).pipe(
        Effect.as(true),
        Effect.catchTag('DuplicateKey', () => Effect.succeed(false)),
      );
      if (!inserted) return null;
      user = created.success;
    }
    yield* store.integrations.linkAgent({ tenantId, platformAgentId: agent.platformAgentId, userId: user.id });
    return user;
  });

/** The users platform agents were mirrored as earlier in the same allocation run, by platform agent id. */
export type MirrorCache = Map<string, User>;

/**
 * Mirrors the platform's eligible agents as users (agents only) and records the load the platform
 * reports (only when it changed). `cache` spares the lookups for agents already mirrored in this run;
 * `loads`: the tenant's agents as read in this unit of work (read here when not given).
 */
export const mirrorAgents = (
  store: Store,
  context: { readonly tenantId: string; readonly ids: IdGenerator; readonly now: Date },
  agents: ReadonlyArray<PlatformAgent>,
  cache: MirrorCache = new Map(),
  loads?: ReadonlyArray<AgentLoad>,
): Effect.Effect<ReadonlyArray<MirroredAgent>, StoreUnavailable> =>
  Effect.gen(function* () {
    const mirrored: Array<MirroredAgent> = [];
    const pool = new Map((loads ?? (yield* store.agents.all(context.tenantId))).map((agent) => [agent.agentId, agent]));
    for (const platform of agents) {
      const user = cache.get(platform.platformAgentId) ?? (yield* mirror(store, context, platform));
      if (user === null || user.role !== 'agent') continue;
      cache.set(platform.platformAgentId, user);
      const known = pool.get(user.id);
      const ours = known?.activeTickets ?? 0;
      const beyondOurs = Math.max(0, platform.reportedLoad - ours);
      if (known?.reportedLoad == null || known.reportedLoad - ours !== beyondOurs) yield* store.agents.reportLoad(context.tenantId, user.id, beyondOurs);
      mirrored.push({ user, platform });
    }
    return mirrored;
  });

/**
 * The allocator's view of the platform's candidates: online (the platform says they are available),
 * active agents only, with load max(platform figure, our active tickets) via `reportedLoad`.
 */
export const platformCandidates = (pool: ReadonlyArray<AgentLoad>, mirrored: ReadonlyArray<MirroredAgent>): ReadonlyArray<AgentLoad> => {
  const reported = new Map(mirrored.map((m) => [m.user.id, m.platform.reportedLoad]));
  return pool
    .filter((agent) => reported.has(agent.agentId))
    .map((agent) => ({ ...agent, availability: 'online' as const, reportedLoad: reported.get(agent.agentId) ?? null }));
};

/** The agents' loads once `mirrorAgents` recorded what the platform reported for them: the larger of its figure and ours. */
export const withReportedLoads = (pool: ReadonlyArray<AgentLoad>, mirrored: ReadonlyArray<MirroredAgent>): ReadonlyArray<AgentLoad> => {
  const reported = new Map(mirrored.map((m) => [m.user.id, m.platform.reportedLoad]));
  return pool.map((agent) => {
    const load = reported.get(agent.agentId);
    return load === undefined ? agent : { ...agent, reportedLoad: Math.max(load, agent.activeTickets) };
  });
};
