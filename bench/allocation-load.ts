import { randomUUID } from 'node:crypto';
import { signStandardWebhook } from '../adapters/crypto/standard-webhooks.ts';
import type mysql from 'mysql2/promise';
import { percentile } from './allocation-floor.ts';

export interface StepResult {
  readonly rate: number;
  readonly sent: number;
  readonly accepted: number;
  readonly assigned: number;
  /** Webhooks answered 202 per second, from the first request sent to the last answer. */
  readonly intakePerSecond: number;
  /** Assigned arrivals per second, from the first request sent to the last assignment. */
  readonly perSecond: number;
  /** Ticket created by the webhook (its `created_at`) → `ticket.assigned` (its `occurred_at`), ms, both the app's clock. */
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
  /** Slots not sent because `maxInFlight` requests were already waiting (the intake is saturated). */
  readonly skipped: number;
}

type Rows = mysql.RowDataPacket[];

const post = async (baseUrl: string, channel: { key: string; secret: string }, customer: string): Promise<{ ticketId: string; at: number } | null> => {
  const raw = JSON.stringify({ customer_external_id: customer, message: 'Hello, where is my parcel?' });
  const id = `msg_${randomUUID()}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = signStandardWebhook(channel.secret, id, timestamp, Buffer.from(raw));
  try {
    const res = await fetch(`${baseUrl}/api/channel/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-channel-key': channel.key,
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      },
      body: raw,
    });
    const body = (await res.json()) as { ticket_id?: string };
    return res.status === 202 && typeof body.ticket_id === 'string' ? { ticketId: body.ticket_id, at: Date.now() } : null;
  } catch {
    return null;
  }
};

const maxSequence = async (sql: mysql.Pool): Promise<number> => {
  const [rows] = await sql.query<Rows>('select coalesce(max(sequence), 0) as s from outbox');
  return Number(rows[0]?.s ?? 0);
};

const assignedSince = async (sql: mysql.Pool, tenantId: string, sequence: number): Promise<Map<string, number>> => {
  const [rows] = await sql.query<Rows>(
    "select json_value(payload, '$.ticketId') as ticket, occurred_at from outbox where sequence > ? and tenant_id = ? and type = 'ticket.assigned'",
    [sequence, tenantId],
  );
  return new Map(rows.map((r) => [r.ticket as string, (r.occurred_at as Date).getTime()]));
};

/**
 * Open loop: `rate` webhook requests per second for `seconds`, spread over the APIs (a slot is skipped
 * while `maxInFlight` are unanswered, so a saturated intake does not stretch the step); then waits (up to
 * `drainSeconds`) until every accepted conversation is assigned and reads each one's assignment time.
 */
export const runStep = async (
  apiUrls: ReadonlyArray<string>,
  channel: { key: string; secret: string },
  sql: mysql.Pool,
  tenantId: string,
  rate: number,
  seconds: number,
  drainSeconds = 30,
  maxInFlight = 64,
): Promise<StepResult> => {
  const from = await maxSequence(sql);
  const total = Math.round(rate * seconds);
  const run = randomUUID().slice(0, 8);
  const started = Date.now();
  const pending: Array<Promise<{ ticketId: string; at: number } | null>> = [];
  let inFlight = 0;
  let skipped = 0;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= maxInFlight) {
      skipped += 1;
      continue;
    }
    inFlight += 1;
    pending.push(post(apiUrls[i % apiUrls.length] as string, channel, `c-${run}-${i}`).finally(() => (inFlight -= 1)));
  }
  const accepted = (await Promise.all(pending)).filter((a): a is { ticketId: string; at: number } => a !== null);
  const deadline = Date.now() + drainSeconds * 1000;
  let assigned = await assignedSince(sql, tenantId, from);
  while (accepted.some((a) => !assigned.has(a.ticketId)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    assigned = await assignedSince(sql, tenantId, from);
  }
  const mine = accepted.filter((a) => assigned.has(a.ticketId));
  const [created] = mine.length === 0 ? [[] as Rows] : await sql.query<Rows>('select id, created_at from tickets where tenant_id = ? and id in (?)', [tenantId, mine.map((a) => a.ticketId)]);
  const createdAt = new Map(created.map((r) => [r.id as string, (r.created_at as Date).getTime()]));
  const latencies = mine.map((a) => (assigned.get(a.ticketId) as number) - (createdAt.get(a.ticketId) as number)).sort((a, b) => a - b);
  const last = Math.max(started, ...mine.map((a) => assigned.get(a.ticketId) as number));
  return {
    rate,
    sent: pending.length,
    accepted: accepted.length,
    assigned: mine.length,
    intakePerSecond: accepted.length / Math.max(0.001, (Math.max(started, ...accepted.map((a) => a.at)) - started) / 1000),
    perSecond: mine.length / Math.max(0.001, (last - started) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures: pending.length - accepted.length,
    skipped,
  };
};
