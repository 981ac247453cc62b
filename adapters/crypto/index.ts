/** Password hashing, access and refresh tokens, channel signatures, sealed secrets. */
export { Argon2PasswordHasher } from './argon2-password-hasher.ts';
export { JwtAccessTokenIssuer } from './jwt-access-token-issuer.ts';
export { RandomRefreshTokenFactory } from './random-refresh-token-factory.ts';
export { randomSecretGenerator, signStandardWebhook, standardWebhookSigner, standardWebhookVerifier, verifyStandardWebhook, webhookSecretGenerator } from './standard-webhooks.ts';
export { AesGcmSecretBox } from './secret-box.ts';
