import { DestinationGuard } from '../../adapters/outbound-http/destination-guard.ts';
import { OutboundHttpClient } from '../../adapters/outbound-http/outbound-http-client.ts';
import type { PrometheusMetrics } from '../../adapters/prometheus/prometheus-metrics.ts';
import { QiscusChatPlatform } from '../../adapters/qiscus/qiscus-chat-platform.ts';
import type { AttemptNotice } from '../../adapters/qiscus/qiscus-http.ts';

/** Every call the server makes to a URL an admin set: the guard, the HTTP client on it, the Qiscus client on that. */
export interface Outbound {
  readonly guard: DestinationGuard;
  readonly http: OutboundHttpClient;
  readonly platform: QiscusChatPlatform;
}

/** `allowPrivateNetworks` is `OUTBOUND_ALLOW_PRIVATE_NETWORKS=true` (tests, on-premises); `metrics` counts the Qiscus calls. */
export const buildOutbound = (allowPrivateNetworks: boolean, metrics?: PrometheusMetrics | null): Outbound => {
  const guard = new DestinationGuard({ allowPrivateNetworks });
  const http = new OutboundHttpClient(guard);
  const onAttempt = metrics ? { onAttempt: (n: AttemptNotice) => metrics.qiscusCall({ endpoint: n.operation, outcome: n.outcome, seconds: n.seconds }) } : {};
  return { guard, http, platform: new QiscusChatPlatform({ outbound: http, ...onAttempt }) };
};

/** What the jobs call out with: the Qiscus client and the guarded HTTP client webhooks are sent with. */
export const outboundOf = (outbound: Outbound): { readonly platform: QiscusChatPlatform; readonly outbound: OutboundHttpClient } => ({
  platform: outbound.platform,
  outbound: outbound.http,
});
