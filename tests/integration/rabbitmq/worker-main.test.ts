import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRetryPolicy, queueNames } from '../../../adapters/rabbitmq/amqp-topology.ts';
import { amqpUrl, brokerProxy, deleteTopology, requireBroker, uniquePrefix } from '../../support/rabbitmq.ts';

await requireBroker();
const prefix = uniquePrefix();
const main = resolve(import.meta.dirname, '../../../apps/worker/main.ts');

/** Starts the worker, waits for it to be consuming, optionally cuts the broker, sends SIGTERM; resolves with the exit code and time to exit. */
const runAndTerminate = (url: string, beforeTerm: () => Promise<void> = async () => {}) =>
  new Promise<{ code: number | null; stopMs: number; output: string }>((done, fail) => {
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, AMQP_URL: url, AMQP_PREFIX: prefix, DATABASE_URL: 'memory:', SHUTDOWN_GRACE_SECONDS: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let termAt = 0;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (termAt === 0 && output.includes('worker consuming from RabbitMQ')) {
        termAt = -1;
        void beforeTerm().then(() => {
          termAt = Date.now();
          child.kill('SIGTERM');
        }, fail);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stopMs: Date.now() - termAt, output }));
  });

describe('worker main', () => {
  afterAll(async () => {
    const handlers = ['allocation', 'integrations.allocate-rooms', 'integrations.resolve-room'].map((name) => ({ name }));
    await deleteTopology(prefix, queueNames(prefix, handlers, defaultRetryPolicy));
  });

  it('connects to RabbitMQ and exits 0 on SIGTERM', async () => {
    const { code, output } = await runAndTerminate(amqpUrl);
    expect(output).toContain('worker stopped');
    expect(code).toBe(0);
  });

  it('exits 0 on SIGTERM within the grace period while the broker is unreachable', async () => {
    const proxy = await brokerProxy();
    const { code, stopMs } = await runAndTerminate(proxy.url, () => proxy.cut());
    expect(code).toBe(0);
    expect(stopMs).toBeLessThan(7000);
  });
});
