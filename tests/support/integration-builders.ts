import { randomBytes } from 'node:crypto';
import type { PlatformIntegration } from '../../core/integrations/platform-integration.ts';

const t0 = new Date('2030-01-01T00:00:00.000Z');

/** A configured Qiscus integration for a tenant; a fresh random webhook token unless told otherwise. */
export const aQiscusIntegration = (tenantId: string) => {
  let integration: PlatformIntegration = {
    tenantId,
    appCode: `app-${randomBytes(4).toString('hex')}`,
    baseUrl: 'https://multichannel.qiscus.com',
    secretKey: `secret-${randomBytes(8).toString('hex')}`,
    admin: null,
    webhookToken: randomBytes(32).toString('base64url'),
    createdAt: t0,
    updatedAt: t0,
  };
  const builder = {
    withAppCode: (appCode: string) => ((integration = { ...integration, appCode }), builder),
    withSecretKey: (secretKey: string) => ((integration = { ...integration, secretKey }), builder),
    at: (baseUrl: string) => ((integration = { ...integration, baseUrl }), builder),
    withAdmin: (email: string, password: string) => ((integration = { ...integration, admin: { email, password } }), builder),
    withToken: (webhookToken: string) => ((integration = { ...integration, webhookToken }), builder),
    build: (): PlatformIntegration => integration,
  };
  return builder;
};
