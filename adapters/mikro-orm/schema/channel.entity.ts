import { defineEntity, p } from '@mikro-orm/core';

/** `secret_sealed` holds `SecretCipher` output (the `whsec_` secret sealed), never plaintext. */
export const ChannelEntity = defineEntity({
  name: 'ChannelRow',
  tableName: 'channels',
  properties: {
    id: p.string().length(64).primary(),
    tenantId: p.string().length(64),
    name: p.string().length(255),
    key: p.string().length(128).unique('channels_key_unique'),
    secretSealed: p.string().length(255),
    createdAt: p.datetime(3),
  },
  indexes: [{ name: 'channels_tenant_index', properties: ['tenantId', 'id'] }],
});

/** A delivery a channel took, by the sender's `webhook-id`: the primary key makes a redelivery a duplicate. */
export const ChannelDeliveryEntity = defineEntity({
  name: 'ChannelDeliveryRow',
  tableName: 'channel_deliveries',
  properties: {
    channelId: p.string().length(64).primary(),
    deliveryId: p.string().length(255).primary(),
    tenantId: p.string().length(64),
    receivedAt: p.datetime(3),
    ticketId: p.string().length(64),
    messageId: p.string().length(64),
    customerId: p.string().length(64),
  },
  primaryKeys: ['channelId', 'deliveryId'],
  indexes: [{ name: 'channel_deliveries_received_index', properties: ['channelId', 'receivedAt'] }],
});
