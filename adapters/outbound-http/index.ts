export { isPublicAddress } from './public-address.ts';
export { DestinationGuard, systemResolve, type Destination, type DestinationGuardOptions, type Resolve, type ResolvedAddress, type Vetting } from './destination-guard.ts';
export { OutboundHttpClient } from './outbound-http-client.ts';
