import { afterEach, describe, expect, it } from 'vitest';
import { sendCaaWebhook } from '../../support/fake-qiscus/fake-qiscus-webhooks.ts';
import { accountOf, fastClient, startReceiver, succeed, useFakeQiscus } from './qiscus-client-world.ts';

describe('fake Qiscus allocation webhooks', () => {
  const fake = useFakeQiscus();
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('posts the CAA webhook while the room waits, twice when duplicating, and stops once it is served', async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    fake().configureAllocationWebhook(receiver.url);
    fake().duplicateWebhooks();
    expect(await fake().customerWrites('273683234')).toEqual([200, 200]);
    expect(receiver.bodies).toHaveLength(2);
    expect(receiver.bodies[0]).toMatchObject({ app_id: fake().credentials.appCode, app_code: fake().credentials.appCode, room_id: '273683234' });
    const agent = fake().addAgent();
    await succeed(fastClient().assignAgent(accountOf(fake()), '273683234', String(agent.id)));
    expect(await fake().customerWrites('273683234')).toEqual([]);
    expect(receiver.bodies).toHaveLength(2);
  });

  it('sends a hand-made CAA delivery once or twice', async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    expect(await sendCaaWebhook(receiver.url, { appCode: 'app', roomId: 42, appFields: 'app_id' }, { twice: true })).toEqual([200, 200]);
    expect(receiver.bodies).toEqual([expect.objectContaining({ app_id: 'app', room_id: 42 }), expect.objectContaining({ room_id: 42 })]);
    expect(receiver.bodies[0]).not.toHaveProperty('app_code');
  });
});
