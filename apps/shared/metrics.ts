import { PrometheusMetrics } from '../../adapters/prometheus/prometheus-metrics.ts';
import { scrapeEndpoint } from '../../adapters/prometheus/metrics-scrape.ts';
import type { HttpMetrics } from '../../adapters/http-koa/http-deps.ts';
import type { BacklogProbe } from '../../core/shared/backlog-probe.port.ts';
import type { Clock } from '../../core/shared/ports.ts';
import type { CommitSignal } from './wake-on-commit.ts';

export interface MetricsSettings {
  /** `METRICS_TOKEN`: the bearer token `/metrics` asks for; null: none asked (the worker's own port). */
  readonly token: string | null;
  /** `METRICS_PER_TENANT=true`: queue gauges per tenant. */
  readonly perTenant: boolean;
}

/** The metrics of one process and how they are scraped. */
export interface ProcessMetrics {
  readonly prometheus: PrometheusMetrics;
  readonly scrape: HttpMetrics['scrape'];
  /** The HTTP adapter's side: request timing and `/metrics`. */
  readonly http: HttpMetrics;
  /** Starts observing the process's store: committed allocations, and the backlog gauges read at scrape time. */
  watchStore(store: { readonly commits: CommitSignal; readonly backlog: BacklogProbe }, clock: Clock): () => void;
}

export const buildMetrics = (settings: MetricsSettings): ProcessMetrics => {
  const prometheus = new PrometheusMetrics();
  const scrape = scrapeEndpoint(prometheus, settings.token);
  return {
    prometheus,
    scrape,
    http: { observeRequest: (request) => prometheus.httpRequest(request), scrape },
    watchStore: (store, clock) => {
      prometheus.watchBacklog(store.backlog, { perTenant: settings.perTenant, now: () => clock.now() });
      return store.commits.subscribe((events) => prometheus.committed(events));
    },
  };
};
