/** A signed inbound channel. `secret` (`whsec_…`) keys the webhook signatures; it is shown to the admin once. */
export interface Channel {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly key: string;
  readonly secret: string;
  readonly createdAt: Date;
}

/** A delivery the channel took, remembered by the sender's `webhook-id` so a redelivery answers the same. */
export interface ChannelDelivery {
  readonly tenantId: string;
  readonly channelId: string;
  readonly deliveryId: string;
  readonly receivedAt: Date;
  readonly ticketId: string;
  readonly messageId: string;
  readonly customerId: string;
}
