import type { PlatformSettings } from '../../core/integrations/platform-integration.ts';

/** Where Qiscus Multichannel serves its API when an admin names no other base URL. */
export const defaultQiscusBaseUrl = 'https://multichannel.qiscus.com';

/**
 * A Qiscus app's settings: the lengths of app code, secret key, base URL and admin login, the default
 * base URL, and the paths of our custom agent allocation and mark-as-resolved webhooks (API.md).
 */
export const qiscusSettings: PlatformSettings = {
  rules: {
    appCode: { min: 1, max: 255, notBlank: true },
    secretKey: { min: 1, max: 1000, notBlank: true },
    baseUrl: { min: 1, max: 2000, notBlank: true },
    adminEmail: { min: 3, max: 254, notBlank: true },
    adminPassword: { min: 1, max: 1000 },
  },
  defaultBaseUrl: defaultQiscusBaseUrl,
  webhookPaths: { roomNeedsAgent: '/api/v1/webhook/agent_allocation', roomResolved: '/api/v1/webhook/mark_as_resolved' },
};
