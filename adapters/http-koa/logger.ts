import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

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

// Where drivers put a statement with its values; the SQL adapter logs templates (sql-log.ts), this is the second net.
const statementKeys = ['sql', 'sqlMessage', 'parameters', 'params', 'values'];

const withoutStatements = (serialized: Record<string, unknown>, depth = 0): Record<string, unknown> => {
  for (const key of statementKeys) delete serialized[key];
  const cause = serialized.cause;
  if (depth < 8 && typeof cause === 'object' && cause !== null) withoutStatements(cause as Record<string, unknown>, depth + 1);
  return serialized;
};

/** pino's error serializer, minus any statement a driver error carries. */
export const serializeError = (error: unknown): unknown =>
  error instanceof Error ? withoutStatements(pino.stdSerializers.err(error) as unknown as Record<string, unknown>) : error;

/** The JSON logger of the API (pino), with secrets redacted and errors stripped of statements. */
export const createLogger = (options: LoggerOptions = {}, destination?: DestinationStream): Logger =>
  pino(
    { level: 'info', ...options, serializers: { err: serializeError, ...options.serializers }, redact: { paths: redactPaths, censor: '[redacted]' } },
    destination as never,
  );
