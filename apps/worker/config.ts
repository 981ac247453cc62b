import { Result, Schema, SchemaGetter, SchemaIssue } from 'effect';

const IntFromEnv = (minimum: number, maximum: number) =>
  Schema.String.pipe(
    Schema.check(Schema.isPattern(/^[0-9]{1,10}$/, { message: 'must be a whole number' })),
    Schema.decodeTo(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum, maximum }))), {
      decode: SchemaGetter.transform((s: string) => Number(s)),
      encode: SchemaGetter.transform((n: number) => String(n)),
    }),
  );

const AmqpUrl = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter<string>((s) => {
      try {
        return ['amqp:', 'amqps:'].includes(new URL(s).protocol) || 'must be an amqp:// or amqps:// URL';
      } catch {
        return 'must be a URL';
      }
    }),
  ),
);

/** The environment as the worker reads it (API.md, Configuration), plus its shutdown grace period. */
const Env = Schema.Struct({
  DATABASE_URL: Schema.optionalKey(
    Schema.String.pipe(Schema.check(Schema.isPattern(/^(sqlite:.+|mysql:\/\/.+|mariadb:\/\/.+|memory:)$/, { message: 'must be sqlite:<path> or mysql://user:pass@host:port/db' }))),
  ),
  AMQP_URL: Schema.optionalKey(AmqpUrl),
  AMQP_PREFIX: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Za-z0-9._-]{1,64}$/, { message: 'must be 1..64 of A-Z a-z 0-9 . _ -' })))),
  ALLOCATION_SWEEP_SECONDS: Schema.optionalKey(IntFromEnv(1, 86_400)),
  SHUTDOWN_GRACE_SECONDS: Schema.optionalKey(IntFromEnv(1, 600)),
  LOG_LEVEL: Schema.optionalKey(Schema.Literals(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
});

export interface WorkerConfig {
  readonly databaseUrl: string;
  /** null: no broker, the jobs run in-process. */
  readonly amqpUrl: string | null;
  readonly amqpPrefix: string;
  readonly allocationSweepSeconds: number;
  readonly shutdownGraceSeconds: number;
  readonly logLevel: string;
}

/** A configuration value is wrong; the message names the variable. */
export class WorkerConfigError extends Error {
  override readonly name = 'WorkerConfigError';
}

export const loadWorkerConfig = (env: Readonly<Record<string, string | undefined>>): WorkerConfig => {
  const given = Object.fromEntries(Object.entries(env).filter(([name, v]) => name in Env.fields && v !== undefined && v !== ''));
  const decoded = Schema.decodeUnknownResult(Env, { errors: 'all' })(given);
  if (Result.isFailure(decoded)) {
    const issues = SchemaIssue.makeFormatterStandardSchemaV1()(decoded.failure.issue).issues;
    throw new WorkerConfigError(`Invalid configuration: ${issues.map((i) => `${(i.path ?? []).map(String).join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = decoded.success;
  return {
    databaseUrl: e.DATABASE_URL ?? 'sqlite:./data/switchboard.db',
    amqpUrl: e.AMQP_URL ?? null,
    amqpPrefix: e.AMQP_PREFIX ?? 'switchboard',
    allocationSweepSeconds: e.ALLOCATION_SWEEP_SECONDS ?? 30,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS ?? 20,
    logLevel: e.LOG_LEVEL ?? 'info',
  };
};
