import { Argon2PasswordHasher } from '../../adapters/crypto/argon2-password-hasher.ts';
import { AesGcmSecretBox } from '../../adapters/crypto/secret-box.ts';
import type { JobLogger } from '../../adapters/in-process/job-logger.ts';
import { systemClock, uuidV7Ids } from '../../adapters/system/index.ts';
import type { PasswordHasher } from '../../core/access/credentials.port.ts';
import type { Clock, IdGenerator } from '../../core/shared/ports.ts';
import { buildJobs, type Jobs } from './jobs.ts';
import { buildMetrics, type MetricsSettings, type ProcessMetrics } from './metrics.ts';
import { openStore, type OpenStore } from './open-store.ts';
import { buildOutbound, outboundOf, type Outbound } from './outbound.ts';

/** What every app decides from its configuration before it builds anything. */
export interface RootSettings {
  readonly databaseUrl: string;
  /** Seals stored platform and channel secrets; null: none configured (the CLI without `SECRETS_KEY`). */
  readonly secretsKey: Buffer | null;
  readonly outboundAllowPrivateNetworks: boolean;
  /** null: this process keeps no metrics. */
  readonly metrics: MetricsSettings | null;
}

/** The parts that need no store: built once per process, shared by its use cases and its jobs. */
export interface RootParts {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly hasher: PasswordHasher;
  readonly outbound: Outbound;
  readonly metrics: ProcessMetrics | null;
}

/** The process's store and parts, and the jobs built on them. */
export interface Root extends RootParts {
  readonly store: OpenStore;
  /** The event handlers and sweeps the in-process runner or the worker runs. */
  jobs(options: { readonly allocationSweepSeconds: number; readonly logger?: JobLogger }): Jobs;
  /** Stops observing the store and closes it (stop the jobs first). */
  close(): Promise<void>;
}

export const rootParts = (settings: Pick<RootSettings, 'outboundAllowPrivateNetworks' | 'metrics'>, clock: Clock = systemClock): RootParts => {
  const metrics = settings.metrics === null ? null : buildMetrics(settings.metrics);
  return {
    clock,
    ids: uuidV7Ids,
    hasher: new Argon2PasswordHasher(),
    outbound: buildOutbound(settings.outboundAllowPrivateNetworks, metrics?.prometheus),
    metrics,
  };
};

/**
 * The one composition root the API, the worker, the CLI and `createSwitchboard` build from: opens the
 * store `databaseUrl` names (migrated), then the parts on it. App-specific leaves (the HTTP app, the
 * broker connections) are built by each app from these.
 */
export const openRoot = async (settings: RootSettings): Promise<Root> => {
  const store = await openStore(settings.databaseUrl, settings.secretsKey === null ? {} : { secrets: new AesGcmSecretBox(settings.secretsKey) });
  const parts = rootParts(settings);
  const unwatch = parts.metrics?.watchStore(store, parts.clock) ?? (() => {});
  return {
    ...parts,
    store,
    jobs: (options) => buildJobs({ ...store, clock: parts.clock, ids: parts.ids, ...outboundOf(parts.outbound), ...options }),
    close: async () => {
      unwatch();
      await store.close();
    },
  };
};
