import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { ReceiveChannelMessageUseCase } from '../../../core/channels/receive-channel-message.use-case.ts';
import { aChannel, aTenant, freshId, seed } from '../../support/allocation-builders.ts';
import { allocationWorld, run } from '../allocation/allocation-world.ts';

const setup = async () => {
  const world = await allocationWorld(aTenant().build());
  const channel = aChannel(world.tenant.id);
  await seed(world.uow, { channels: [channel] });
  let ms = Date.parse('2030-01-02T00:00:00.000Z');
  const clock = { now: () => new Date(ms), advance: (by: number) => (ms += by) };
  const intake = new ReceiveChannelMessageUseCase({ uow: world.uow, clock, ids: { next: freshId } });
  const receive = (deliveryId: string, message = 'hello', customerExternalId = 'c-1') =>
    intake.execute({ channel, deliveryId, customerExternalId, message });
  const messages = () => [...world.uow.db.messages.values()];
  return { world, channel, clock, receive, messages };
};

describe('ReceiveChannelMessageUseCase redeliveries', () => {
  it('answers a second delivery of the same id with the first result and changes nothing', async () => {
    const { world, receive, messages } = await setup();
    const first = await run(receive('msg_1', 'first'));
    const events = world.events().length;
    const again = await run(receive('msg_1', 'a different body', 'c-2'));
    expect(first.repeated).toBe(false);
    expect(again).toEqual({ ...first, repeated: true });
    expect(messages().map((m) => m.message)).toEqual(['first']);
    expect([...world.uow.db.customers.values()].some((c) => c.externalId === 'c-2')).toBe(false);
    expect(world.events()).toHaveLength(events);
  });

  it('keeps one effect for concurrent duplicates: the loser rolls back and answers the winner’s result', async () => {
    const { receive, messages } = await setup();
    const results = await run(Effect.all(Array.from({ length: 5 }, () => receive('msg_race')), { concurrency: 'unbounded' }));
    expect(results.filter((r) => !r.repeated)).toHaveLength(1);
    expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    expect(messages()).toHaveLength(1);
  });

  it('takes the id as new once 24 hours have passed, and forgets expired deliveries', async () => {
    const { world, clock, receive, messages } = await setup();
    const first = await run(receive('msg_day'));
    clock.advance(24 * 3600_000 - 1);
    expect((await run(receive('msg_day'))).repeated).toBe(true);
    clock.advance(2);
    const later = await run(receive('msg_day', 'next day'));
    expect(later.repeated).toBe(false);
    expect(later.messageId).not.toBe(first.messageId);
    expect(messages()).toHaveLength(2);
    await run(receive('msg_other'));
    expect([...world.uow.db.channelDeliveries.values()].map((d) => d.deliveryId).sort()).toEqual(['msg_day', 'msg_other']);
  });

  it('keeps deliveries of different ids and different channels apart', async () => {
    const { world, channel, receive, messages } = await setup();
    await run(receive('msg_a'));
    await run(receive('msg_b'));
    const other = aChannel(world.tenant.id);
    await seed(world.uow, { channels: [other] });
    const elsewhere = await run(
      new ReceiveChannelMessageUseCase({ uow: world.uow, clock: world.clock, ids: world.ids }).execute({ channel: other, deliveryId: 'msg_a', customerExternalId: 'c-1', message: 'x' }),
    );
    expect(elsewhere.repeated).toBe(false);
    expect(messages()).toHaveLength(3);
    expect(channel.id).not.toBe(other.id);
  });
});
