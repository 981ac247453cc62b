import { Effect } from 'effect';
import type { DestinationPolicy } from '../../core/shared/outbound.port.ts';
import { DestinationGuard } from '../../adapters/outbound-http/destination-guard.ts';
import { OutboundHttpClient } from '../../adapters/outbound-http/outbound-http-client.ts';

/** Outbound HTTP that may reach loopback (the local fakes), as `OUTBOUND_ALLOW_PRIVATE_NETWORKS=true` allows. */
export const privateNetworkGuard = new DestinationGuard({ allowPrivateNetworks: true });
export const privateNetworkOutbound = new OutboundHttpClient(privateNetworkGuard);

/** A policy that allows every URL: for core tests whose hosts are made up (`*.example.test`). */
export const anyDestination: DestinationPolicy = { check: () => Effect.succeed(null) };
