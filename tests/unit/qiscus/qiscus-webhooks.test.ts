import { Result } from 'effect';
import { describe, expect, it } from 'vitest';
import { claimsAccount } from '../../../core/allocation/chat-platform.port.ts';
import { QiscusWebhookNotices } from '../../../adapters/qiscus/qiscus-webhooks.ts';
import { caaWebhookPayload, resolveWebhookPayload } from '../../support/fake-qiscus/fake-qiscus-webhooks.ts';

const notices = new QiscusWebhookNotices();
const APP = 'xrmcf-2s1ciqkustajhlv';
const aResolvePayload = (roomId: string) =>
  resolveWebhookPayload({
    appCode: APP,
    roomId,
    serviceId: 115830865,
    channelId: 123,
    customer: { userId: 'hello@world.com', name: 'cust#2' },
    resolvedBy: { id: 162787, email: 'boss@example.com', name: 'Boss', type: 'admin' },
    notes: 'done',
  });

const failureMessage = <A, E extends { message: string }>(result: Result.Result<A, E>) =>
  Result.isFailure(result) ? result.failure.message : 'decoded';

describe('Qiscus allocation (CAA) webhook', () => {
  it('decodes a delivery with both app fields into a vendor-neutral notice', () => {
    const payload = caaWebhookPayload({ appCode: APP, roomId: '273683234', channelId: 130821, customer: { userId: '6281234', name: 'cust1' } });
    expect(notices.claimedAccounts(payload)).toEqual([APP, APP]);
    expect(notices.roomNeedsAgent(payload)).toEqual(
      Result.succeed({
        roomId: '273683234',
        customer: { userId: '6281234', name: 'cust1' },
        channelId: '130821',
        isNewSession: true,
        isResolved: false,
        candidateAgentId: null,
      }),
    );
  });

  it('claims the app from app_id alone (older deliveries) or app_code alone', () => {
    expect(notices.claimedAccounts(caaWebhookPayload({ appCode: APP, roomId: '1', appFields: 'app_id' }))).toEqual([APP]);
    expect(notices.claimedAccounts(caaWebhookPayload({ appCode: APP, roomId: '1', appFields: 'app_code' }))).toEqual([APP]);
    const old = notices.roomNeedsAgent(caaWebhookPayload({ appCode: APP, roomId: '1', appFields: 'app_id' }));
    expect(Result.isSuccess(old) && old.success.channelId).toBeNull();
  });

  it('claims nothing when the payload names no app, and a mismatching field disowns it', () => {
    expect(notices.claimedAccounts({ room_id: '1' })).toEqual([]);
    expect(notices.claimedAccounts('not an object')).toEqual([]);
    expect(claimsAccount([], APP)).toBe(false);
    expect(claimsAccount([APP, 'other'], APP)).toBe(false);
    expect(claimsAccount([APP], APP)).toBe(true);
  });

  it('turns a numeric room id into a string and reads the candidate agent id', () => {
    const payload = caaWebhookPayload({ appCode: APP, roomId: 273683234, candidateAgent: { id: 22, name: 'A', email: 'a@x.com' } });
    const decoded = notices.roomNeedsAgent(payload);
    expect(Result.isSuccess(decoded) && [decoded.success.roomId, decoded.success.candidateAgentId]).toEqual(['273683234', '22']);
  });

  it('rejects a payload without a usable room id', () => {
    const { room_id: _dropped, ...withoutRoom } = caaWebhookPayload({ appCode: APP, roomId: '1' });
    expect(failureMessage(notices.roomNeedsAgent(withoutRoom))).toMatch(/room_id/);
    expect(Result.isFailure(notices.roomNeedsAgent({ ...withoutRoom, room_id: '' }))).toBe(true);
    expect(Result.isFailure(notices.roomNeedsAgent({ ...withoutRoom, room_id: null }))).toBe(true);
    expect(Result.isFailure(notices.roomNeedsAgent([]))).toBe(true);
  });

  it('reads malformed optional fields as absent instead of refusing the delivery', () => {
    const payload = { app_id: APP, room_id: '5', email: { odd: true }, channel: 'web', is_new_session: 'yes', candidate_agent: [] };
    const decoded = notices.roomNeedsAgent(payload);
    expect(Result.isSuccess(decoded) && decoded.success).toEqual({
      roomId: '5',
      customer: { userId: null, name: null },
      channelId: null,
      isNewSession: false,
      isResolved: false,
      candidateAgentId: null,
    });
  });
});

describe('Qiscus mark-as-resolved webhook', () => {
  it('decodes the room from service.room_id, with who resolved it', () => {
    const payload = aResolvePayload('274083256');
    expect(notices.claimedAccounts(payload)).toEqual([APP]);
    expect(notices.roomWasResolved(payload)).toEqual(
      Result.succeed({
        roomId: '274083256',
        sessionId: '115830865',
        customerUserId: 'hello@world.com',
        resolvedBy: { platformUserId: '162787', email: 'boss@example.com' },
        notes: 'done',
      }),
    );
  });

  it('accepts a numeric room id and a missing resolver', () => {
    const payload = { ...aResolvePayload('x'), service: { id: 1, room_id: 274083256 }, resolved_by: null };
    const decoded = notices.roomWasResolved(payload);
    expect(Result.isSuccess(decoded) && decoded.success).toMatchObject({ roomId: '274083256', resolvedBy: null, notes: null });
  });

  it('rejects a payload without service.room_id', () => {
    const payload = { ...aResolvePayload('x'), service: { id: 1, is_resolved: true } };
    expect(failureMessage(notices.roomWasResolved(payload))).toMatch(/room_id/);
    expect(Result.isFailure(notices.roomWasResolved(caaWebhookPayload({ appCode: APP, roomId: '1' })))).toBe(true);
  });
});
