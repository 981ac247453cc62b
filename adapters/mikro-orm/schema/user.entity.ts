import { defineEntity, p } from '@mikro-orm/core';

export const UserEntity = defineEntity({
  name: 'UserRow',
  tableName: 'users',
  properties: {
    id: p.string().length(64).primary(),
    tenantId: p.string().length(64),
    email: p.string().length(320),
    emailKey: p.string().length(320),
    /** The email key while the user has a password, else NULL: unique across every tenant. */
    loginEmailKey: p.string().length(320).nullable(),
    name: p.string().length(255),
    role: p.string().length(16),
    active: p.boolean(),
    availability: p.string().length(16),
    maxCustomers: p.integer().nullable(),
    passwordHash: p.string().length(255).nullable(),
    lastAssignedAt: p.datetime(3).nullable(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
  uniques: [
    { name: 'users_email_unique', properties: ['tenantId', 'emailKey'] },
    { name: 'users_login_email_unique', properties: ['loginEmailKey'] },
  ],
  indexes: [{ name: 'users_pool_index', properties: ['tenantId', 'role', 'active', 'id'] }],
});

export const RefreshTokenEntity = defineEntity({
  name: 'RefreshTokenRow',
  tableName: 'refresh_tokens',
  properties: {
    tokenHash: p.string().length(128).primary(),
    familyId: p.string().length(64),
    tenantId: p.string().length(64),
    userId: () => p.manyToOne(UserEntity).mapToPk().fieldName('user_id').deleteRule('cascade'),
    expiresAt: p.datetime(3),
    createdAt: p.datetime(3),
    spentAt: p.datetime(3).nullable(),
    revokedAt: p.datetime(3).nullable(),
  },
  indexes: [
    { name: 'refresh_tokens_family_index', properties: ['familyId'] },
    { name: 'refresh_tokens_user_index', properties: ['tenantId', 'userId'] },
  ],
});
