export { PrometheusMetrics, type HttpRequestSample, type QiscusCallSample } from './prometheus-metrics.ts';
export { scrapeEndpoint, startMetricsServer, type MetricsServer, type ScrapeAnswer } from './metrics-scrape.ts';
export type { BacklogGaugeOptions } from './backlog-gauges.ts';
