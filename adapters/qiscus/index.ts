/** Qiscus Multichannel behind the core's `ChatPlatform` port: the REST client and webhook decoding. */
export { QiscusChatPlatform, type QiscusChatPlatformOptions } from './qiscus-chat-platform.ts';
export { QiscusWebhookNotices, decodeAllocationWebhook, decodeResolveWebhook } from './qiscus-webhooks.ts';
export type { QiscusHttpOptions, RetryNotice } from './qiscus-http.ts';
export { defaultQiscusBaseUrl, qiscusSettings } from './qiscus-settings.ts';
