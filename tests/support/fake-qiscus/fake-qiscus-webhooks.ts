/** Payloads Qiscus posts to our webhooks (shapes of QISCUS.md) and helpers to deliver them. */

export interface CaaWebhookInput {
  readonly appCode: string;
  readonly roomId: string | number;
  /** Which app fields to send: old deliveries carry only `app_id`. */
  readonly appFields?: 'app_id' | 'app_code' | 'both';
  readonly customer?: { readonly userId: string; readonly name: string };
  readonly channelId?: number;
  readonly candidateAgent?: { readonly id: number; readonly name: string; readonly email: string } | null;
  readonly isNewSession?: boolean;
}

export const caaWebhookPayload = (input: CaaWebhookInput): Record<string, unknown> => {
  const fields = input.appFields ?? 'both';
  const customer = input.customer ?? { userId: 'cust1@example.com', name: 'cust1' };
  return {
    ...(fields !== 'app_code' ? { app_id: input.appCode } : {}),
    ...(fields !== 'app_id' ? { app_code: input.appCode, channel: { id: input.channelId ?? 130821, name: 'Web', source: 'qiscus' } } : {}),
    room_id: input.roomId,
    source: 'qiscus',
    name: customer.name,
    email: customer.userId,
    avatar_url: 'https://example.com/avatar.png',
    extras: '{"additional_extras":{}}',
    is_new_session: input.isNewSession ?? true,
    is_resolved: false,
    latest_service: null,
    candidate_agent: input.candidateAgent
      ? { ...input.candidateAgent, is_available: true, force_offline: false, type: 2, type_as_string: 'agent' }
      : null,
  };
};

export interface ResolveWebhookInput {
  readonly appCode: string;
  readonly roomId: string;
  readonly serviceId: number;
  readonly channelId: number;
  readonly customer: { readonly userId: string; readonly name: string };
  readonly resolvedBy: { readonly id: number; readonly email: string; readonly name: string; readonly type: string };
  readonly notes: string;
}

export const resolveWebhookPayload = (input: ResolveWebhookInput): Record<string, unknown> => ({
  app_code: input.appCode,
  channel: { id: input.channelId, name: 'Web', source: 'qiscus' },
  customer: { user_id: input.customer.userId, name: input.customer.name, avatar: 'https://example.com/a.png', additional_info: [] },
  resolved_by: { ...input.resolvedBy, is_available: true },
  service: {
    id: input.serviceId,
    room_id: input.roomId,
    is_resolved: true,
    notes: input.notes,
    first_comment_id: '2487134935',
    last_comment_id: '2488202680',
    source: 'qiscus',
  },
});

/** POSTs the JSON body `times` times at once (Qiscus's duplicate deliveries); resolves to the statuses, 0 when unreachable. */
export const deliverWebhook = async (url: string, body: unknown, times = 1): Promise<number[]> =>
  Promise.all(
    Array.from({ length: times }, async () => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(5_000),
        });
        await response.arrayBuffer();
        return response.status;
      } catch {
        return 0;
      }
    }),
  );

/** Sends a CAA webhook to `url`, twice at once when `twice`. */
export const sendCaaWebhook = (url: string, input: CaaWebhookInput, options: { readonly twice?: boolean } = {}) =>
  deliverWebhook(url, caaWebhookPayload(input), options.twice ? 2 : 1);
