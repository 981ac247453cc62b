/** The fake Qiscus app's data, kept apart from HTTP so tests can arrange and inspect it. */

export interface FakeAgent {
  readonly id: number;
  name: string;
  email: string;
  isAvailable: boolean;
  forceOffline: boolean;
  /** The true number of unresolved rooms the agent holds. */
  customerCount: number;
}

export interface FakeRoom {
  readonly roomId: string;
  readonly channelId: number;
  readonly customer: { readonly userId: string; readonly name: string };
  readonly agentIds: number[];
  resolved: boolean;
  readonly seq: number;
  serviceId: number;
}

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers: { readonly appId?: string; readonly secretKey?: string; readonly authorization?: string; readonly contentType?: string };
  status: number;
  /** `Date.now()` when the request arrived. */
  readonly at?: number;
}

export type AssignFault = { readonly kind: 'status'; readonly status: number } | { readonly kind: 'timeout' };

export interface StaleCount {
  readonly value: number;
  remainingListings: number;
}

export class FakeQiscusState {
  readonly agents: FakeAgent[] = [];
  readonly rooms = new Map<string, FakeRoom>();
  readonly calls: RecordedCall[] = [];
  readonly adminTokens = new Set<string>();
  logins = 0;
  resolveWebhook: { url: string | null; enabled: boolean } = { url: null, enabled: false };
  allocationWebhookUrl: string | null = null;
  duplicateWebhooks = false;
  lagListings = 0;
  readonly staleCounts = new Map<number, StaleCount>();
  readonly assignFaults: { fault: AssignFault; applied: boolean }[] = [];
  #nextId = 1000;
  #seq = 0;

  nextId(): number {
    return this.#nextId++;
  }

  addAgent(agent: Partial<Omit<FakeAgent, 'id'>> & { readonly id?: number } = {}): FakeAgent {
    const id = agent.id ?? this.nextId();
    const created: FakeAgent = {
      id,
      name: agent.name ?? `Agent ${id}`,
      email: agent.email ?? `agent${id}@example.com`,
      isAvailable: agent.isAvailable ?? true,
      forceOffline: agent.forceOffline ?? false,
      customerCount: agent.customerCount ?? 0,
    };
    this.agents.push(created);
    return created;
  }

  agent(id: number): FakeAgent | undefined {
    return this.agents.find((agent) => agent.id === id);
  }

  addRoom(room: { readonly roomId?: string; readonly channelId?: number; readonly customerUserId?: string } = {}): FakeRoom {
    const roomId = room.roomId ?? String(this.nextId() * 1000 + 7);
    const created: FakeRoom = {
      roomId,
      channelId: room.channelId ?? 130821,
      customer: { userId: room.customerUserId ?? `cust-${roomId}@example.com`, name: `Customer ${roomId}` },
      agentIds: [],
      resolved: false,
      seq: this.#seq++,
      serviceId: this.nextId(),
    };
    this.rooms.set(roomId, created);
    return created;
  }

  /** A customer writes in a resolved room: a new session begins, with nobody serving it. */
  newSession(room: FakeRoom): void {
    room.resolved = false;
    room.agentIds.length = 0;
    room.serviceId = this.nextId();
  }

  isWaiting(room: FakeRoom): boolean {
    return !room.resolved && room.agentIds.length === 0;
  }

  /** The load Qiscus reports: the old figure while a lag is running down. */
  reportedCount(agent: FakeAgent): number {
    return this.staleCounts.get(agent.id)?.value ?? agent.customerCount;
  }

  /** Called once per `available_agents` request, after it has been answered. */
  ageStaleCounts(): void {
    for (const [id, stale] of this.staleCounts) {
      stale.remainingListings -= 1;
      if (stale.remainingListings <= 0) this.staleCounts.delete(id);
    }
  }

  addAgentToRoom(room: FakeRoom, agent: FakeAgent): void {
    if (this.lagListings > 0 && !this.staleCounts.has(agent.id)) {
      this.staleCounts.set(agent.id, { value: agent.customerCount, remainingListings: this.lagListings });
    }
    room.agentIds.push(agent.id);
    agent.customerCount += 1;
  }

  resolveRoom(room: FakeRoom): void {
    room.resolved = true;
    for (const id of room.agentIds) {
      const agent = this.agent(id);
      if (agent) agent.customerCount = Math.max(0, agent.customerCount - 1);
    }
  }

  /** Rooms newest first. */
  roomsNewestFirst(): FakeRoom[] {
    return [...this.rooms.values()].sort((a, b) => b.seq - a.seq);
  }
}
