import { Result, Schema, SchemaGetter, SchemaIssue } from 'effect';

/** A whole number within bounds, from an environment string. */
export const IntFromEnv = (minimum: number, maximum: number) =>
  Schema.String.pipe(
    Schema.check(Schema.isPattern(/^[0-9]{1,10}$/, { message: 'must be a whole number' })),
    Schema.decodeTo(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum, maximum }))), {
      decode: SchemaGetter.transform((s: string) => Number(s)),
      encode: SchemaGetter.transform((n: number) => String(n)),
    }),
  );

export const Url = (protocols: ReadonlyArray<string>) =>
  Schema.String.pipe(
    Schema.check(
      Schema.makeFilter<string>((s) => {
        try {
          return protocols.includes(new URL(s).protocol) || `must be a ${protocols.join(' or ')} URL`;
        } catch {
          return 'must be a URL';
        }
      }),
    ),
  );

export const DatabaseUrl = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^(sqlite:.+|mysql:\/\/.+|mariadb:\/\/.+|memory:)$/, { message: 'must be sqlite:<path> or mysql://user:pass@host:port/db' })),
);

export const AmqpUrl = Url(['amqp:', 'amqps:']);

export const AmqpPrefix = Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Za-z0-9._-]{1,64}$/, { message: 'must be 1..64 of A-Z a-z 0-9 . _ -' })));

/** `true` or `false`. */
export const BooleanFromEnv = Schema.Literals(['true', 'false']);

/** `METRICS_TOKEN`: sent as a bearer token, so token68 characters, and long enough not to be guessed. */
export const MetricsToken = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[A-Za-z0-9._~+/=-]{16,256}$/, { message: 'must be 16..256 of A-Z a-z 0-9 . _ ~ + / = -' })),
);

export const LogLevel = Schema.Literals(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** A configuration value is wrong; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Decodes the variables `schema` knows (empty ones count as unset); every problem in one message. */
export const decodeEnv = <T>(
  schema: Schema.ConstraintDecoder<T> & { readonly fields: Readonly<Record<string, unknown>> },
  env: Readonly<Record<string, string | undefined>>,
): T => {
  const given = Object.fromEntries(Object.entries(env).filter(([name, v]) => name in schema.fields && v !== undefined && v !== ''));
  const decoded = Schema.decodeUnknownResult(schema, { errors: 'all' })(given);
  if (Result.isSuccess(decoded)) return decoded.success;
  const issues = SchemaIssue.makeFormatterStandardSchemaV1()(decoded.failure.issue).issues;
  throw new ConfigError(`Invalid configuration: ${issues.map((i) => `${(i.path ?? []).map(String).join('.')}: ${i.message}`).join('; ')}`);
};
