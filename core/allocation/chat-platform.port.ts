import { Data, type Effect, type Result } from 'effect';
import type { PlatformChannel } from '../tickets/ticket.ts';

/** How to reach one tenant's account on the external chat platform. Secrets: never log or return. */
export interface ChatPlatformAccount {
  readonly baseUrl: string;
  /** The account's public code; inbound webhooks claim it. */
  readonly appCode: string;
  readonly secretKey: string;
  /** A human admin login; only webhook registration needs it. */
  readonly admin: { readonly email: string; readonly password: string } | null;
}

/** An agent the platform would let take a room, with the load the platform reports for them. */
export interface PlatformAgent {
  readonly platformAgentId: string;
  readonly name: string;
  readonly email: string;
  /** The platform's own count of the agent's customers; it lags behind assignments. */
  readonly reportedLoad: number;
}

/** `waiting`: no agent yet; `served`: an agent holds it; `resolved`: the conversation is over. */
export type RoomState = 'waiting' | 'served' | 'resolved';

/** A room as the chat platform reports it. */
export interface PlatformRoom {
  readonly roomId: string;
  readonly state: RoomState;
  readonly channelId: string | null;
}

/** What asking the platform to assign a room's agent came to. */
export type AssignOutcome =
  /** `sessionId`: the platform's id of the room's current conversation, when it says. */
  | { readonly _tag: 'Assigned'; readonly roomId: string; readonly platformAgentId: string; readonly sessionId: string | null }
  /** The room already has an agent. `uncertain`: an earlier attempt of this same call failed without
   * an answer, so that agent may be the one we asked for. */
  | { readonly _tag: 'AlreadyServed'; readonly roomId: string; readonly uncertain: boolean }
  | { readonly _tag: 'RoomResolved'; readonly roomId: string };

/** The platform's "room resolved" webhook setting: where it posts, and whether it is on. */
export interface ResolveWebhookRegistration {
  readonly url: string;
  readonly enabled: boolean;
}

/** The platform did not answer usefully (network, timeout, 5xx, unreadable reply) after retries; retryable. */
export class ChatPlatformUnavailable extends Data.TaggedError('ChatPlatformUnavailable')<{
  readonly operation: string;
  readonly reason: string;
}> {}

/** The platform refused our credentials: `app` (the server key) or `admin` (the admin login). */
export class ChatPlatformCredentialsRejected extends Data.TaggedError('ChatPlatformCredentialsRejected')<{
  readonly credentials: 'app' | 'admin';
}> {}

/** The operation needs an admin login and the account has none. */
export class ChatPlatformAdminMissing extends Data.TaggedError('ChatPlatformAdminMissing')<{}> {}

/** The platform refused the request itself (a 4xx we have no meaning for); retrying will not help. */
export class ChatPlatformRequestRejected extends Data.TaggedError('ChatPlatformRequestRejected')<{
  readonly operation: string;
  readonly status: number;
  readonly message: string;
}> {}

/** The platform does not know the room. */
export class ChatRoomNotFound extends Data.TaggedError('ChatRoomNotFound')<{ readonly roomId: string }> {}

/** Any failure of a platform call: unreachable, credentials refused, or request refused. */
export type ChatPlatformFailure = ChatPlatformUnavailable | ChatPlatformCredentialsRejected | ChatPlatformRequestRejected;

/** An external chat platform that owns the customer conversations (rooms) and decides who may take them. */
export interface ChatPlatform {
  /** The ticket channel of this platform's rooms (the contract's value for the platform). */
  readonly channel: PlatformChannel;
  /** How staff call the platform (in ticket titles and messages), e.g. its product name. */
  readonly name: string;
  /** Every agent (all pages) the platform lists for the room who is available and not forced offline. */
  eligibleAgents(account: ChatPlatformAccount, roomId: string): Effect.Effect<ReadonlyArray<PlatformAgent>, ChatPlatformFailure>;
  /** Asks for the agent on the room, never adding a second agent to it. After `ChatPlatformUnavailable`
   * the assignment may still have happened: a later `AlreadyServed` for the room may be this agent. */
  assignAgent(
    account: ChatPlatformAccount,
    roomId: string,
    platformAgentId: string,
  ): Effect.Effect<AssignOutcome, ChatPlatformFailure>;
  /** Ends the room's conversation; resolving a resolved room succeeds. */
  resolveRoom(account: ChatPlatformAccount, roomId: string, notes?: string): Effect.Effect<void, ChatPlatformFailure>;
  /** One room's current state on the platform. */
  room(account: ChatPlatformAccount, roomId: string): Effect.Effect<PlatformRoom, ChatRoomNotFound | ChatPlatformFailure>;
  /** Every room still waiting for an agent (all pages), newest first. */
  waitingRooms(account: ChatPlatformAccount): Effect.Effect<ReadonlyArray<PlatformRoom>, ChatPlatformFailure>;
  /** Tells the platform where to announce resolved rooms (needs the admin login). */
  registerResolveWebhook(
    account: ChatPlatformAccount,
    registration: ResolveWebhookRegistration,
  ): Effect.Effect<ResolveWebhookRegistration, ChatPlatformAdminMissing | ChatPlatformFailure>;
}

/** The platform announces a room that needs an agent (delivered at least once, often repeatedly). */
export interface RoomNeedsAgent {
  readonly roomId: string;
  readonly customer: { readonly userId: string | null; readonly name: string | null };
  readonly channelId: string | null;
  readonly isNewSession: boolean;
  readonly isResolved: boolean;
  readonly candidateAgentId: string | null;
}

/** The platform announces a resolved room. `resolvedBy` is whoever clicked, not necessarily the assignee. */
export interface RoomWasResolved {
  readonly roomId: string;
  /** The platform's id of the conversation that ended (a room has one after another); null when not sent. */
  readonly sessionId: string | null;
  readonly customerUserId: string | null;
  readonly resolvedBy: { readonly platformUserId: string; readonly email: string | null } | null;
  readonly notes: string | null;
}

/** An inbound payload that is not the expected notice (e.g. no room id). */
export class InvalidPlatformNotice extends Data.TaggedError('InvalidPlatformNotice')<{ readonly message: string }> {}

/** Decodes the platform's unsigned inbound webhooks. */
export interface ChatPlatformNotices {
  /** The account codes the payload claims (possibly several fields); empty when it claims none. */
  claimedAccounts(payload: unknown): ReadonlyArray<string>;
  /** Decodes the platform's "room needs an agent" webhook payload. */
  roomNeedsAgent(payload: unknown): Result.Result<RoomNeedsAgent, InvalidPlatformNotice>;
  /** Decodes the platform's "room resolved" webhook payload. */
  roomWasResolved(payload: unknown): Result.Result<RoomWasResolved, InvalidPlatformNotice>;
}

/** A payload belongs to the account only when it claims it and every claim matches. */
export const claimsAccount = (claims: ReadonlyArray<string>, appCode: string): boolean =>
  claims.length > 0 && claims.every((claim) => claim === appCode);
