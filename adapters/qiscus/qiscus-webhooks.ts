import { Effect, Option, Result, Schema } from 'effect';
import {
  InvalidPlatformNotice,
  type ChatPlatformNotices,
  type RoomNeedsAgent,
  type RoomWasResolved,
} from '../../core/allocation/chat-platform.port.ts';
import { BoundedText, QiscusId } from './qiscus-schemas.ts';

/** A field we use but can live without: absent, null or malformed all read as null. */
const orNull = <S extends Schema.Constraint>(schema: S) =>
  Schema.optionalKey(Schema.NullOr(schema).pipe(Schema.catchDecoding(() => Effect.succeed(Option.some(null)))));

const WithId = Schema.Struct({ id: QiscusId });

/** The custom agent allocation webhook; `app_code` and `channel` only in newer deliveries. */
const CaaPayload = Schema.Struct({
  room_id: QiscusId,
  name: orNull(BoundedText(1000)),
  email: orNull(QiscusId),
  is_new_session: orNull(Schema.Boolean),
  is_resolved: orNull(Schema.Boolean),
  candidate_agent: orNull(WithId),
  channel: orNull(WithId),
});

const ResolvePayload = Schema.Struct({
  service: Schema.Struct({ room_id: QiscusId, id: orNull(QiscusId), notes: orNull(BoundedText(10000)) }),
  customer: orNull(Schema.Struct({ user_id: orNull(QiscusId) })),
  resolved_by: orNull(Schema.Struct({ id: QiscusId, email: orNull(BoundedText(1000)) })),
});

const Claims = Schema.Struct({ app_id: orNull(QiscusId), app_code: orNull(QiscusId) });

const invalid = (error: Schema.SchemaError) => new InvalidPlatformNotice({ message: error.message });

/** The app codes a Qiscus payload claims: `app_id` (which carries the code) and/or `app_code`. */
export const claimedAppCodes = (payload: unknown): ReadonlyArray<string> => {
  const decoded = Schema.decodeUnknownResult(Claims)(payload);
  if (Result.isFailure(decoded)) return [];
  return [decoded.success.app_id, decoded.success.app_code].filter((code): code is string => typeof code === 'string');
};

/** Qiscus's custom agent allocation webhook payload, decoded. */
export const decodeAllocationWebhook = (payload: unknown): Result.Result<RoomNeedsAgent, InvalidPlatformNotice> =>
  Result.map(Result.mapError(Schema.decodeUnknownResult(CaaPayload)(payload), invalid), (caa) => ({
    roomId: caa.room_id,
    customer: { userId: caa.email ?? null, name: caa.name ?? null },
    channelId: caa.channel?.id ?? null,
    isNewSession: caa.is_new_session ?? false,
    isResolved: caa.is_resolved ?? false,
    candidateAgentId: caa.candidate_agent?.id ?? null,
  }));

/** Qiscus's mark-as-resolved webhook payload, decoded. */
export const decodeResolveWebhook = (payload: unknown): Result.Result<RoomWasResolved, InvalidPlatformNotice> =>
  Result.map(Result.mapError(Schema.decodeUnknownResult(ResolvePayload)(payload), invalid), (resolved) => ({
    roomId: resolved.service.room_id,
    sessionId: resolved.service.id ?? null,
    customerUserId: resolved.customer?.user_id ?? null,
    resolvedBy: resolved.resolved_by ? { platformUserId: resolved.resolved_by.id, email: resolved.resolved_by.email ?? null } : null,
    notes: resolved.service.notes ?? null,
  }));

/** `ChatPlatformNotices` for Qiscus's unsigned webhooks. */
export class QiscusWebhookNotices implements ChatPlatformNotices {
  claimedAccounts(payload: unknown): ReadonlyArray<string> {
    return claimedAppCodes(payload);
  }
  /** Decodes Qiscus's custom agent allocation webhook. */
  roomNeedsAgent(payload: unknown): Result.Result<RoomNeedsAgent, InvalidPlatformNotice> {
    return decodeAllocationWebhook(payload);
  }
  /** Decodes Qiscus's mark-as-resolved webhook. */
  roomWasResolved(payload: unknown): Result.Result<RoomWasResolved, InvalidPlatformNotice> {
    return decodeResolveWebhook(payload);
  }
}
