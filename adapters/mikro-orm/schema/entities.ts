import { TenantEntity, TenantLockEntity } from './tenant.entity.ts';
import { RefreshTokenEntity, UserEntity } from './user.entity.ts';
import { CustomerEntity, MessageEntity, TicketEntity } from './ticket.entity.ts';
import { ChannelDeliveryEntity, ChannelEntity } from './channel.entity.ts';
import { OutboxEntity, ReportedLoadEntity } from './outbox.entity.ts';
import { IntegrationEntity, PlatformAgentLinkEntity, RoomSessionEntity, UnansweredAssignEntity } from './integration.entity.ts';
import { EventCounterEntity, EventEntity } from './event.entity.ts';
import { RateLimitEntity } from './rate-limit.entity.ts';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity.ts';
import { StreamLeaseEntity, StreamTicketEntity } from './stream.entity.ts';
import { ReportDayEntity } from './report.entity.ts';

export { TenantEntity, TenantLockEntity, UserEntity, RefreshTokenEntity, CustomerEntity, TicketEntity, MessageEntity };
export { ChannelEntity, ChannelDeliveryEntity, OutboxEntity, ReportedLoadEntity, IntegrationEntity, PlatformAgentLinkEntity, UnansweredAssignEntity };
export { EventEntity, EventCounterEntity, RoomSessionEntity, RateLimitEntity, WebhookEntity, WebhookDeliveryEntity, StreamTicketEntity, StreamLeaseEntity, ReportDayEntity };

/** Every table of the Switchboard schema, in dependency order. */
export const entities = [
  TenantEntity,
  TenantLockEntity,
  UserEntity,
  RefreshTokenEntity,
  CustomerEntity,
  TicketEntity,
  MessageEntity,
  ChannelEntity,
  ChannelDeliveryEntity,
  OutboxEntity,
  ReportedLoadEntity,
  IntegrationEntity,
  PlatformAgentLinkEntity,
  UnansweredAssignEntity,
  EventEntity,
  EventCounterEntity,
  RoomSessionEntity,
  RateLimitEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
  StreamTicketEntity,
  StreamLeaseEntity,
  ReportDayEntity,
];
