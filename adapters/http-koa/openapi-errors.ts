import { entryOf, type KnownTag } from './error-table.ts';
import type { AnyRoute } from './route.ts';
import { runnerErrors } from './route-runner.ts';

type Json = Record<string, unknown>;

/**
 * Every tag a route can be answered with: what the runner adds from the route's shape, then the
 * route's own `errors` (held by the typecheck to the handler's error type). Nothing here is hand-kept.
 */
export const errorTagsOf = (route: AnyRoute): ReadonlyArray<KnownTag> => [
  ...new Set<KnownTag>([
    ...(route.auth === 'staff' ? runnerErrors.staff : []),
    ...(route.auth === 'staff' && route.action !== undefined ? runnerErrors.action : []),
    ...(route.params !== undefined || route.query !== undefined ? runnerErrors.shape : []),
    ...(route.body !== undefined ? runnerErrors.body : []),
    ...route.errors,
  ]),
];

const internal = { status: 500, code: 'internal_error', when: 'a bug; the body never carries stack traces, SQL or file paths' };

/** The Error envelope whose `code` is one of `codes`. */
const errorSchema = (codes: ReadonlyArray<string>): Json => ({
  allOf: [
    { $ref: '#/components/schemas/Error' },
    { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes } } } } },
  ],
});

/** The error responses of `tags` through the one error table, one per status, each naming its codes; 500 always. */
export const errorResponses = (tags: ReadonlyArray<KnownTag>): Json => {
  const byStatus = new Map<number, Array<{ code: string; when: string; headers?: Readonly<Record<string, string>> }>>();
  for (const entry of [...tags.map(entryOf), internal]) byStatus.set(entry.status, [...(byStatus.get(entry.status) ?? []), entry]);
  const responses: Json = {};
  for (const [status, entries] of [...byStatus].sort(([a], [b]) => a - b)) {
    const codes = [...new Set(entries.map((e) => e.code))];
    const headers = Object.fromEntries(
      entries.flatMap((e) => Object.entries(e.headers ?? {})).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
    );
    responses[status] = {
      description: [...new Set(entries.map((e) => `\`${e.code}\`: ${e.when}`))].join('; '),
      ...(Object.keys(headers).length === 0 ? {} : { headers }),
      content: { 'application/json': { schema: errorSchema(codes) } },
    };
  }
  return responses;
};
