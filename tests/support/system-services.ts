import { connect } from 'amqplib';
import { describe, it } from 'vitest';
import { mysqlServer } from './databases.ts';

/** MariaDB and RabbitMQ for the system tests, or why they are missing (skip outside CI, fail with `CI=true`). */
export type SystemServices =
  | { readonly status: 'ready'; readonly mysqlUrl: URL; readonly amqpUrl: string }
  | { readonly status: 'skip'; readonly reason: string }
  | { readonly status: 'fail'; readonly reason: string };

const brokerAnswers = async (url: string): Promise<string | null> => {
  try {
    const model = await connect(url, { timeout: 5000 });
    model.on('error', () => {});
    await model.close();
    return null;
  } catch (error) {
    return `RabbitMQ at ${new URL(url).host} is unreachable: ${String(error)}`;
  }
};

export const systemServices = async (): Promise<SystemServices> => {
  const ci = process.env.CI === 'true';
  const mysql = await mysqlServer();
  if (mysql.status !== 'ready') return mysql;
  const amqpUrl = process.env.AMQP_URL ?? '';
  if (amqpUrl === '') return ci ? { status: 'fail', reason: 'CI=true but AMQP_URL is not set' } : { status: 'skip', reason: 'AMQP_URL is not set' };
  const broker = await brokerAnswers(amqpUrl);
  return broker === null ? { status: 'ready', mysqlUrl: mysql.url, amqpUrl } : { status: 'fail', reason: broker };
};

/** A describe block that runs on real MariaDB + RabbitMQ; fails (never skips) in CI when either is missing. */
export const systemDescribe = (title: string, services: SystemServices, body: (ready: Extract<SystemServices, { status: 'ready' }>) => void): void => {
  if (services.status === 'ready') describe(title, () => body(services));
  else if (services.status === 'fail') describe(title, () => it('needs MariaDB (MYSQL_URL) and RabbitMQ (AMQP_URL)', () => Promise.reject(new Error(services.reason))));
  else describe.skip(`${title} (${services.reason})`, () => it('runs when MYSQL_URL and AMQP_URL are set', () => {}));
};
