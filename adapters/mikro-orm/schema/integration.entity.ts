import { defineEntity, p } from '@mikro-orm/core';
import { UserEntity } from './user.entity.ts';

/** A tenant's Qiscus app. `*_sealed` columns hold `SecretCipher` output, never plaintext. */
export const IntegrationEntity = defineEntity({
  name: 'IntegrationRow',
  tableName: 'integrations',
  properties: {
    tenantId: p.string().length(64).primary(),
    appCode: p.string().length(255),
    baseUrl: p.string().length(2000),
    secretKeySealed: p.text(),
    adminEmail: p.string().length(254).nullable(),
    adminPasswordSealed: p.text().nullable(),
    /** SHA-256 of the webhook token, hex: the lookup key, unique across tenants. */
    webhookTokenHash: p.string().length(64).unique('integrations_webhook_token_unique'),
    webhookTokenSealed: p.text(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
});

/** A platform agent mirrored as one of the tenant's users. */
export const PlatformAgentLinkEntity = defineEntity({
  name: 'PlatformAgentLinkRow',
  tableName: 'platform_agent_links',
  properties: {
    tenantId: p.string().length(64).primary(),
    platformAgentId: p.string().length(191).primary(),
    userId: () => p.manyToOne(UserEntity).mapToPk().fieldName('user_id').deleteRule('cascade'),
  },
  primaryKeys: ['tenantId', 'platformAgentId'],
});

/** A room's latest assign call that got no answer (at most one per room). */
export const UnansweredAssignEntity = defineEntity({
  name: 'UnansweredAssignRow',
  tableName: 'unanswered_assigns',
  properties: {
    tenantId: p.string().length(64).primary(),
    roomId: p.string().length(191).primary(),
    platformAgentId: p.string().length(191),
    userId: () => p.manyToOne(UserEntity).mapToPk().fieldName('user_id').deleteRule('cascade'),
  },
  primaryKeys: ['tenantId', 'roomId'],
});

/** A platform session (one conversation of a room) and the ticket that holds it. */
export const RoomSessionEntity = defineEntity({
  name: 'RoomSessionRow',
  tableName: 'room_sessions',
  properties: {
    tenantId: p.string().length(64).primary(),
    sessionId: p.string().length(191).primary(),
    roomId: p.string().length(191),
    ticketId: p.string().length(64).index('room_sessions_ticket_index'),
    resolved: p.boolean(),
  },
  primaryKeys: ['tenantId', 'sessionId'],
});
