import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { eventLogQueueName, exchangeName } from '../../adapters/rabbitmq/amqp-topology.ts';

/** The broker under test: `AMQP_URL`, else the local one. Unreachable means the tests fail (never skip). */
export const amqpUrl = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

export const uniquePrefix = (): string => `sbtest-${randomUUID().slice(0, 8)}`;

/** A plain (non-recovering) connection for the test's own inspection, with a clear failure when the broker is missing. */
export const openAdmin = async (): Promise<{ model: ChannelModel; channel: Channel }> => {
  let model: ChannelModel;
  try {
    model = await connect(amqpUrl, { timeout: 5000 });
  } catch (error) {
    const ci = process.env['CI'] === 'true' ? ' (CI=true: RabbitMQ is required)' : '';
    throw new Error(`RabbitMQ is not reachable at ${amqpUrl}${ci}: ${String(error)}`);
  }
  model.on('error', () => {});
  const channel = await model.createChannel();
  channel.on('error', () => {});
  return { model, channel };
};

/** Deletes the queues and the events exchange of a test prefix. */
export const deleteTopology = async (prefix: string, queues: ReadonlyArray<string>): Promise<void> => {
  const { model } = await openAdmin();
  for (const queue of [...queues, eventLogQueueName(prefix)]) {
    const channel = await model.createChannel();
    channel.on('error', () => {});
    await channel.deleteQueue(queue).catch(() => {});
    await channel.close().catch(() => {});
  }
  const channel = await model.createChannel();
  channel.on('error', () => {});
  await channel.deleteExchange(exchangeName(prefix)).catch(() => {});
  await model.close().catch(() => {});
};

/** Fails (never skips) the test file when the broker is unreachable; call at the top level of the file. */
export const requireBroker = async (): Promise<void> => {
  const { model } = await openAdmin();
  await model.close();
};

export const closeAllBrokerConnections = async (): Promise<void> => {
  await promisify(execFile)('rabbitmqctl', ['close_all_connections', 'switchboard integration test'], { timeout: 30_000 });
};

/** A TCP hop in front of the broker that a test can cut (the broker looks down) and restore. */
export const brokerProxy = async (): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> => {
  const target = new URL(amqpUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(Number(target.port || 5672), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  let up = true;
  const listen = () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const cut = async () => {
    if (!up) return;
    up = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  const url = `${target.protocol}//${target.username}:${target.password}@127.0.0.1:${port}${target.pathname}`;
  return {
    url,
    cut,
    restore: async () => {
      if (up) return;
      up = true;
      await listen();
    },
    close: cut,
  };
};
