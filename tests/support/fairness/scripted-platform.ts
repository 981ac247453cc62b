import { Effect } from 'effect';
import {
  ChatPlatformUnavailable,
  ChatRoomNotFound,
  type AssignOutcome,
  type ChatPlatform,
  type PlatformAgent,
  type PlatformRoom,
  type ResolveWebhookRegistration,
} from '../../../core/allocation/chat-platform.port.ts';

export interface ScriptedAgent {
  readonly platformAgentId: string;
  readonly name: string;
  readonly email: string;
}

interface ScriptedRoom {
  agentId: string | null;
  resolved: boolean;
  sessionId: number;
}

/** Where a call may be held: the test decides when each one goes on (e.g. a fast-check scheduler). */
export type Gate = (call: string) => Promise<void>;

/**
 * A chat platform in memory whose every call waits at a gate the test controls, so interleavings of
 * platform answers, jobs and webhooks can be chosen (held, released, reordered). Assigns never add a
 * second agent to a room (like Qiscus's max_agent=1); `failAssign` makes an assign fail unanswered.
 */
export class ScriptedPlatform implements ChatPlatform {
  readonly name = 'Scripted platform';
  readonly channel = 'qiscus' as const;
  readonly agents: ReadonlyArray<ScriptedAgent>;
  readonly rooms = new Map<string, ScriptedRoom>();
  readonly calls: Array<{ readonly call: string; readonly roomId: string }> = [];
  /** How many sessions each room has had (a ticket per session at most). */
  readonly sessionsOpened = new Map<string, number>();
  gate: Gate = () => Promise.resolve();
  failAssign: (roomId: string) => boolean = () => false;
  #nextSession = 1000;

  constructor(agents: ReadonlyArray<ScriptedAgent>) {
    this.agents = agents;
  }

  /** A customer writes in: a new session of the room (a resolved room opens a new one). */
  openSession(roomId: string): number {
    const room = this.rooms.get(roomId);
    if (room !== undefined && !room.resolved) return room.sessionId;
    const sessionId = this.#nextSession++;
    this.rooms.set(roomId, { agentId: null, resolved: false, sessionId });
    this.sessionsOpened.set(roomId, (this.sessionsOpened.get(roomId) ?? 0) + 1);
    return sessionId;
  }

  /** Someone on the platform resolves the room; returns its session. */
  resolveOnPlatform(roomId: string): number | null {
    const room = this.rooms.get(roomId);
    if (room === undefined || room.resolved) return null;
    room.resolved = true;
    return room.sessionId;
  }

  loadOf(platformAgentId: string): number {
    return [...this.rooms.values()].filter((room) => room.agentId === platformAgentId && !room.resolved).length;
  }

  eligibleAgents(_account: unknown, roomId: string): Effect.Effect<ReadonlyArray<PlatformAgent>> {
    return this.#held('eligible', roomId, () => this.agents.map((agent) => ({ ...agent, reportedLoad: this.loadOf(agent.platformAgentId) })));
  }

  assignAgent(_account: unknown, roomId: string, platformAgentId: string): Effect.Effect<AssignOutcome, ChatPlatformUnavailable> {
    return Effect.flatMap(
      this.#held('assign', roomId, () => null),
      (): Effect.Effect<AssignOutcome, ChatPlatformUnavailable> => {
        if (this.failAssign(roomId)) return Effect.fail(new ChatPlatformUnavailable({ operation: 'assign agent', reason: 'scripted failure' }));
        const room = this.rooms.get(roomId);
        if (room === undefined || room.resolved) return Effect.succeed({ _tag: 'RoomResolved', roomId } as const);
        if (room.agentId !== null) return Effect.succeed({ _tag: 'AlreadyServed', roomId, uncertain: false } as const);
        room.agentId = platformAgentId;
        return Effect.succeed({ _tag: 'Assigned', roomId, platformAgentId, sessionId: String(room.sessionId) } as const);
      },
    );
  }

  resolveRoom(_account: unknown, roomId: string): Effect.Effect<void> {
    return this.#held('resolve', roomId, () => {
      const room = this.rooms.get(roomId);
      if (room !== undefined) room.resolved = true;
    });
  }

  room(_account: unknown, roomId: string): Effect.Effect<PlatformRoom, ChatRoomNotFound> {
    return Effect.flatMap(this.#held('room', roomId, () => this.rooms.get(roomId)), (room) =>
      room === undefined ? Effect.fail(new ChatRoomNotFound({ roomId })) : Effect.succeed(this.#asPlatformRoom(roomId, room)),
    );
  }

  waitingRooms(): Effect.Effect<ReadonlyArray<PlatformRoom>> {
    return this.#held('waiting-rooms', '', () =>
      [...this.rooms.entries()].filter(([, room]) => room.agentId === null && !room.resolved).map(([roomId, room]) => this.#asPlatformRoom(roomId, room)),
    );
  }

  registerResolveWebhook(_account: unknown, registration: ResolveWebhookRegistration): Effect.Effect<ResolveWebhookRegistration> {
    return Effect.succeed(registration);
  }

  #asPlatformRoom(roomId: string, room: ScriptedRoom): PlatformRoom {
    return { roomId, state: room.resolved ? 'resolved' : room.agentId === null ? 'waiting' : 'served', channelId: null };
  }

  /** The answer is read when the call is made; it arrives when the gate opens. */
  #held<A>(call: string, roomId: string, answer: () => A): Effect.Effect<A> {
    return Effect.promise(async () => {
      this.calls.push({ call, roomId });
      const value = answer();
      await this.gate(`${call} ${roomId}`);
      return value;
    });
  }
}
