/** RabbitMQ on amqplib: one recovering connection, the outbox relay (publisher confirms) and the job consumers. */
export { AmqpConnection, type AmqpConnectionOptions, type AmqpParticipant } from './amqp-connection.ts';
export { AmqpOutboxRelay, type AmqpOutboxRelayOptions } from './amqp-outbox-relay.ts';
export { AmqpJobConsumer, type AmqpJobConsumerOptions, type LaneRecoveryPolicy } from './amqp-job-consumer.ts';
export { amqpBrokerProbe, type AmqpBrokerProbeOptions } from './amqp-broker-probe.ts';
export { defaultRetryPolicy, type AmqpHandler, type AmqpRetryPolicy } from './amqp-topology.ts';
export type { AmqpLogger } from './amqp-support.ts';
