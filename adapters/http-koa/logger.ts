import { pino, type Logger, type LoggerOptions } from 'pino';

/** Keys whose values never reach a log line. */
export const redactPaths = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  '*.authorization',
  'password',
  '*.password',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'secret',
  '*.secret',
  'secret_key',
  '*.secret_key',
  'passwordHash',
  '*.passwordHash',
];

/** The JSON logger of the API (pino), with secrets redacted. */
export const createLogger = (options: LoggerOptions = {}, destination?: NodeJS.WritableStream): Logger =>
  pino({ level: 'info', ...options, redact: { paths: redactPaths, censor: '[redacted]' } }, destination as never);
