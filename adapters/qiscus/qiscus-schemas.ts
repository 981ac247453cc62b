import { Result, Schema, SchemaGetter } from 'effect';

/** A string Qiscus sends, bounded at decode so no later step ever walks a huge one. */
export const BoundedText = (max: number) => Schema.String.pipe(Schema.check(Schema.isMaxLength(max)));

/** Qiscus sends ids as integers or strings, depending on the endpoint and its version; 191 is what a room id column holds. */
export const QiscusId = Schema.Union([Schema.NonEmptyString.pipe(Schema.check(Schema.isMaxLength(191))), Schema.Int]).pipe(
  Schema.decodeTo(Schema.String, {
    decode: SchemaGetter.transform((id: string | number) => String(id)),
    encode: SchemaGetter.transform((id: string) => id),
  }),
);

const Cursor = Schema.optionalKey(Schema.NullOr(QiscusId));
const Count = Schema.optionalKey(Schema.NullOr(Schema.Number));
const Text = Schema.optionalKey(Schema.NullOr(Schema.String));

export const AvailableAgentsReply = Schema.Struct({
  data: Schema.Struct({
    agents: Schema.Array(
      Schema.Struct({
        id: QiscusId,
        name: Text,
        email: Schema.String,
        is_available: Schema.Boolean,
        force_offline: Schema.optionalKey(Schema.NullOr(Schema.Boolean)),
        current_customer_count: Count,
      }),
    ),
  }),
  meta: Schema.optionalKey(Schema.NullOr(Schema.Struct({ after: Cursor, cursor_after: Cursor }))),
});

export const AssignReply = Schema.Struct({
  data: Schema.Struct({
    added_agent: Schema.Struct({ id: QiscusId }),
    service: Schema.optionalKey(Schema.NullOr(Schema.Struct({ id: Schema.optionalKey(Schema.NullOr(QiscusId)) }))),
  }),
});

/** Replies whose content we do not use: any JSON object. */
export const AnyObjectReply = Schema.Record(Schema.String, Schema.Unknown);

const RoomRow = Schema.Struct({
  room_id: Schema.optionalKey(QiscusId),
  is_waiting: Schema.Boolean,
  is_resolved: Schema.Boolean,
  channel_id: Schema.optionalKey(Schema.NullOr(QiscusId)),
});
export type RoomRow = typeof RoomRow.Type;

export const RoomDetailReply = Schema.Struct({ data: Schema.Struct({ customer_room: RoomRow }) });

export const RoomListReply = Schema.Struct({
  data: Schema.Struct({ customer_rooms: Schema.Array(Schema.Struct({ ...RoomRow.fields, room_id: QiscusId })) }),
  meta: Schema.optionalKey(Schema.NullOr(Schema.Struct({ after: Cursor, cursor_after: Cursor }))),
});

export const LoginReply = Schema.Struct({
  data: Schema.Struct({ user: Schema.Struct({ authentication_token: Schema.NonEmptyString }) }),
});

const WebhookSettings = Schema.Struct({
  mark_as_resolved_webhook_url: Schema.NullOr(Schema.String),
  is_mark_as_resolved_webhook_enabled: Schema.Boolean,
});

/** Unsure whether the app object is `data` itself or `data.app`. */
export const WebhookSettingsReply = Schema.Struct({
  data: Schema.Union([WebhookSettings, Schema.Struct({ app: WebhookSettings })]),
});

const ErrorBody = Schema.Struct({
  errors: Schema.Union([
    Schema.String,
    Schema.Struct({ message: Schema.String }),
    Schema.Array(Schema.Union([Schema.String, Schema.Struct({ message: Schema.String })])),
  ]),
});

const maxMessageLength = 1000;

/** The human message of an error reply (`errors` as a string, `{ message }` or a list), at most 1000 characters, or a placeholder. */
export const errorMessage = (body: unknown): string => {
  const decoded = Schema.decodeUnknownResult(ErrorBody)(body);
  if (Result.isFailure(decoded)) return typeof body === 'string' ? body.slice(0, 200) : 'no error message';
  const errors = decoded.success.errors;
  const list = Array.isArray(errors) ? errors : [errors];
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.message)).join('; ').slice(0, maxMessageLength);
};

export const nextCursor = (meta: { readonly after?: string | null; readonly cursor_after?: string | null } | null | undefined) =>
  meta?.after ?? meta?.cursor_after ?? null;
