import { defineEntity, p } from '@mikro-orm/core';

export const ChannelEntity = defineEntity({
  name: 'ChannelRow',
  tableName: 'channels',
  properties: {
    id: p.string().length(64).primary(),
    tenantId: p.string().length(64),
    name: p.string().length(255),
    key: p.string().length(128).unique('channels_key_unique'),
    secret: p.string().length(255),
    createdAt: p.datetime(3),
  },
  indexes: [{ name: 'channels_tenant_index', properties: ['tenantId', 'id'] }],
});
