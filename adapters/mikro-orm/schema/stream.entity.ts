import { defineEntity, p } from '@mikro-orm/core';

/** Single-use live-event stream tickets, by hash; redeemed (deleted) once by any API process. */
export const StreamTicketEntity = defineEntity({
  name: 'StreamTicketRow',
  tableName: 'stream_tickets',
  properties: {
    tokenHash: p.string().length(128).primary(),
    tenantId: p.string().length(64),
    userId: p.string().length(64),
    expiresAt: p.datetime(3),
  },
  indexes: [{ name: 'stream_tickets_expires_index', properties: ['expiresAt'] }],
});

/** Open live-event streams, one row each, renewed by the stream's heartbeat: the per-user limit counts them across processes. */
export const StreamLeaseEntity = defineEntity({
  name: 'StreamLeaseRow',
  tableName: 'stream_leases',
  properties: {
    id: p.string().length(64).primary(),
    tenantId: p.string().length(64),
    userId: p.string().length(64),
    expiresAt: p.datetime(3),
  },
  indexes: [{ name: 'stream_leases_user_index', properties: ['tenantId', 'userId'] }],
});
