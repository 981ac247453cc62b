import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerPatterns } from '../../../adapters/crypto/standard-webhooks.ts';
import { webhookHeaderPatterns } from '../../../adapters/http-koa/channels.routes.ts';
import { cursorBodyPattern, cursorMacPattern } from '../../../adapters/http-koa/cursor-codec.ts';
import { instantPattern } from '../../../adapters/http-koa/reports.routes.ts';
import { acceptableRequestId } from '../../../adapters/http-koa/request-context.middleware.ts';
import { bearerPattern } from '../../../adapters/http-koa/route-runner.ts';
import { Text, intParamPattern } from '../../../adapters/http-koa/validation.ts';
import { CreateUserBody } from '../../../adapters/http-koa/request.schemas.ts';
import { qiscusSettingsBody } from '../../../adapters/http-koa/qiscus/qiscus.schemas.ts';
import { qiscusSettings } from '../../../adapters/qiscus/qiscus-settings.ts';
import { decodeWith } from '../../../adapters/http-koa/validation.ts';
import { replyPatterns } from '../../../adapters/qiscus/qiscus-chat-platform.ts';
import { errorMessage } from '../../../adapters/qiscus/qiscus-schemas.ts';
import { checkEmail } from '../../../core/access/user.ops.ts';
import { positionIn } from '../../../core/events/envelope.ts';
import { checkHttpUrl } from '../../../core/integrations/platform-integration.ts';
import { clockPattern } from '../../../core/sla/business-hours.ts';
import { zoneNameStart } from '../../../core/sla/zone.ts';
import { emailShape, withoutTrailingSlashes } from '../../../core/shared/text.ts';
import { checkText } from '../../../core/tickets/text.rules.ts';

const MiB = 1024 * 1024;
const budgetMs = 50;

/** 1 MiB runs of each seed, as sent and with a character no pattern accepts at the end (what makes a backtracking engine retry). */
const seeds = ['a', '/', '0', ' ', '\t', '@', 'a@', '.', ':', '-', 'A1', 'v1,', ' v1,', 'Bearer ', 'exceed ', '2026-01-01T00:00', ':00', '\u{1F600}'];
const hostile = seeds.flatMap((seed) => {
  const run = seed.repeat(Math.ceil(MiB / seed.length)).slice(0, MiB);
  return [run, `${run}\u0000`, `x${run}!`];
});

const slowest = (run: (input: string) => unknown): { ms: number; input: string } => {
  run('warm up');
  let worst = { ms: 0, input: '' };
  for (const input of hostile) {
    const started = performance.now();
    run(input);
    const ms = performance.now() - started;
    if (ms > worst.ms) worst = { ms, input: `${JSON.stringify(input.slice(0, 12))}… (${input.length})` };
  }
  return worst;
};

/** Every regex that sees a client's (or a client-chosen server's) string. */
const patterns: Record<string, RegExp> = {
  'core email shape (users, customers, Qiscus admin, HTTP bodies)': emailShape,
  'SLA clock HH:MM': clockPattern,
  'SLA zone name': zoneNameStart,
  'X-Request-Id': acceptableRequestId,
  'Authorization: Bearer': bearerPattern,
  'cursor body': cursorBodyPattern,
  'cursor mac': cursorMacPattern,
  'report instant': instantPattern,
  'query integer': intParamPattern,
  'webhook-id header': webhookHeaderPatterns.id,
  'webhook-timestamp header': webhookHeaderPatterns.timestamp,
  'webhook-signature header': webhookHeaderPatterns.signature,
  'Standard Webhooks delivery id': headerPatterns.deliveryId,
  'Standard Webhooks timestamp': headerPatterns.unixSeconds,
  'Standard Webhooks digest': headerPatterns.base64Digest,
  'Qiscus "exceeds max agent" reply': replyPatterns.exceedsMaxAgents,
  'Qiscus "resolved" reply': replyPatterns.alreadyResolved,
};

/** The code around the patterns: bounds and the trailing-slash trim that replaced `/\/+$/` (finding 1). */
const paths: Record<string, (input: string) => unknown> = {
  'trailing slashes trimmed': withoutTrailingSlashes,
  'Qiscus base URL (PUT and set_mark_as_resolved url)': (s) => checkHttpUrl('url', `https://example.com${s}`, 2000),
  'user email': checkEmail,
  'text rule': (s) => checkText('name', s, { min: 1, max: 200 }),
  'HTTP Text bound': (s) => decodeWith(Text(1, 200), s),
  'create user body': (s) => decodeWith(CreateUserBody, { email: s, name: s, password: s, role: 'agent' }),
  'Qiscus settings body': (s) => decodeWith(qiscusSettingsBody(qiscusSettings.rules), { app_code: s, secret_key: s, base_url: s, admin_email: s, admin_password: s }),
  'Qiscus error message': (s) => errorMessage({ errors: [s, { message: s }] }),
  'event id (Last-Event-ID)': (s) => positionIn('t1', `${s}.t1`),
};

describe('input-facing patterns on 1 MiB inputs (ReDoS, finding 1)', () => {
  for (const [name, pattern] of Object.entries(patterns)) {
    it(`${name} answers within ${budgetMs} ms`, () => {
      const worst = slowest((input) => pattern.test(input));
      expect(worst.ms, worst.input).toBeLessThan(budgetMs);
    });
  }
  for (const [name, run] of Object.entries(paths)) {
    it(`${name} answers within ${budgetMs} ms`, () => {
      const worst = slowest(run);
      expect(worst.ms, worst.input).toBeLessThan(budgetMs);
    });
  }

  it('the trailing-slash trim is the one the regex did', () => {
    for (const s of ['', '/', 'a', 'a/', 'a//', '//a//', 'https://x.io///']) expect(withoutTrailingSlashes(s)).toBe(s.replace(/\/+$/u, ''));
  });

  it('the bounds refuse huge strings instead of walking them', () => {
    expect(checkHttpUrl('url', `https://example.com/${'/'.repeat(MiB)}`, 2000)._tag).toBe('Failure');
    expect(decodeWith(qiscusSettingsBody(qiscusSettings.rules), { base_url: 'x'.repeat(2001) })).toMatchObject({ _tag: 'ValidationFailed' });
    expect(errorMessage({ errors: 'e'.repeat(MiB) })).toHaveLength(1000);
  });
});

// Files whose regexes see only operator configuration, the database driver or our own strings; reason beside each.
const notInputFacing: Record<string, string> = {
  'adapters/http-koa/openapi.ts': 'our route paths',
  'adapters/http-koa/error-table.ts': 'our field names',
  'adapters/http-koa/console.routes.ts': 'asset names: anchored, one class each side of a literal dot, path ≤ 16 KiB (Node header limit)',
  'adapters/mikro-orm/mikro-orm-ticket.mapper.ts': 'our column names',
  'adapters/mikro-orm/sql-statements.ts': 'datetimes the database returns',
  'adapters/mikro-orm/sql-errors.ts': 'driver error messages; an alternation of literals',
  'adapters/mikro-orm/database-url.ts': 'DATABASE_URL (operator)',
  'apps/shared/env.ts': 'environment variables (operator)',
  'apps/shared/open-store.ts': 'DATABASE_URL redaction (operator)',
  'adapters/http-koa/events/sse-frames.ts': 'our own comment texts (heartbeats); one character class, linear',
  // Input-facing but linear by construction, in another module's file: `\S+` and `[ ]*` are disjoint, the header ≤ 16 KiB.
  'adapters/prometheus/metrics-scrape.ts': 'Authorization: Bearer of GET /metrics (reviewed, not exported)',
};
const covered = new Set([
  'core/shared/text.ts', 'core/sla/business-hours.ts', 'core/sla/zone.ts', 'core/events/envelope.ts',
  'adapters/http-koa/request-context.middleware.ts', 'adapters/http-koa/route-runner.ts', 'adapters/http-koa/cursor-codec.ts',
  'adapters/http-koa/reports.routes.ts', 'adapters/http-koa/validation.ts', 'adapters/http-koa/channels.routes.ts',
  'adapters/crypto/standard-webhooks.ts', 'adapters/qiscus/qiscus-chat-platform.ts',
]);

const root = join(import.meta.dirname, '../../..');
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
// A regex literal: a slash after `(`, `=`, `,`, `:`, `?`, `!`, `&`, `|`, `return` or a line start, not a comment.
const regexLiteral = /(?:^|[(=,:?!&|]|return)\s*\/(?![/*])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+\/[dgimsuvy]*/m;

const codeOf = (text: string): string => text.split('\n').filter((line) => !/^\s*(?:\/\/|\*|\/\*)/.test(line)).join('\n');

describe('every regex in production code is either tested above or not input-facing', () => {
  it('lists each file with a regex literal', () => {
    const withRegex = ['core', 'adapters', 'apps/api', 'apps/shared', 'apps/worker', 'apps/cli']
      .flatMap(sources)
      .filter((file) => regexLiteral.test(codeOf(readFileSync(join(root, file), 'utf8'))));
    const unlisted = withRegex.filter((file) => !covered.has(file) && !(file in notInputFacing));
    expect(unlisted).toEqual([]);
    // The scan is not blind: it finds the files whose patterns are tested above (the listed others may lose theirs).
    expect(withRegex, 'the scan finds the covered files').toEqual(expect.arrayContaining([...covered]));
  });
});
