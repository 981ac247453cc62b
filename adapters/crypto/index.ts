/** Password hashing, access and refresh tokens, channel signatures, sealed secrets. */
export { Argon2PasswordHasher } from './argon2-password-hasher.ts';
export { JwtAccessTokenIssuer } from './jwt-access-token-issuer.ts';
export { RandomRefreshTokenFactory } from './random-refresh-token-factory.ts';
export { hmacChannelSignatureVerifier, randomSecretGenerator, signChannelBody, verifyChannelSignature } from './channel-signature.ts';
