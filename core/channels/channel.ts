/** A signed inbound channel. `secret` keys the HMAC of webhook bodies; it is shown to the admin once. */
export interface Channel {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly key: string;
  readonly secret: string;
  readonly createdAt: Date;
}
