import { Effect } from 'effect';
import { amqpBrokerProbe } from '../../adapters/rabbitmq/amqp-broker-probe.ts';
import type { OpenStore } from '../shared/open-store.ts';
import type { Readiness } from './composition.ts';

/** `/readyz`: the database answers and, when `AMQP_URL` is configured, so does the broker. */
export const apiReadiness = (store: Pick<OpenStore, 'ping'>, amqpUrl: string | null): Readiness => {
  const broker = amqpUrl === null ? async () => true : amqpBrokerProbe(amqpUrl);
  return () =>
    Effect.promise(async () => {
      const [database, queue] = await Promise.all([store.ping().catch(() => false), broker()]);
      return database && queue;
    });
};
