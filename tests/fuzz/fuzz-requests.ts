import fc from 'fast-check';
import { bodies, type SentBody } from './body-mutations.ts';
import { signings, type Signing } from './channel-signing.ts';
import type { Operation, Parameter } from './operations.ts';
import { boundaryNumbers, validValue, wrongType, type SchemaContext } from './schema-values.ts';

export type Caller = 'admin' | 'agent' | 'anonymous' | 'bad_token';

/** One generated request, as sent; `kinds` says what is odd about it (`valid` when nothing is meant to be). */
export interface FuzzRequest {
  readonly operation: string;
  readonly kinds: ReadonlyArray<string>;
  readonly caller: Caller;
  readonly method: string;
  /** Path and query string, encoded. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: SentBody;
  /** For a signed channel delivery: how it is signed when sent. */
  readonly signing?: Signing;
}

interface Part<T> {
  readonly kind: string;
  readonly value: T;
}

const part = <T>(kind: string, value: T): Part<T> => ({ kind, value });

/** Ids no store has, or that a careless router or query builder would trip on. */
const oddIds = [
  '', ' ', '%00', '%FF', '%ED%A0%80', '%F0%9F%98%80', '..', '%2e%2e%2f%2e%2e', '%2F', 'null', 'undefined', '0', '-1', '1e9',
  "'%20OR%201=1--", '%22%3B%20DROP%20TABLE%20tickets%3B', '%25', '%5Cu0000', 'a'.repeat(129), 'a'.repeat(5000), '00000000-0000-7000-8000-000000000000',
];

const oddQueryValues = ['', '0', '101', '-1', '1.5', '1e2', 'abc', '%201', '01', '999999999999', '%00', '%FF', 'true', '[]', 'a'.repeat(3000)];

const encode = (value: unknown): string => encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));

const pathValue = (p: Parameter, context: SchemaContext): fc.Arbitrary<Part<string>> =>
  fc.oneof(
    { weight: 5, arbitrary: validValue(p.schema, context, p.name).map((v) => part('valid', encode(v))) },
    { weight: 1, arbitrary: fc.constantFrom(...oddIds).map((v) => part('odd_id', v)) },
  );

const queryEntries = (params: ReadonlyArray<Parameter>, context: SchemaContext): fc.Arbitrary<Part<Array<[string, string]>>> => {
  // A valid request pages from the start; cursors of other lists and tenants are the `odd_cursor` kind.
  const valid = params.filter((p) => p.name !== 'cursor').map((p) => fc.option(validValue(p.schema, context, p.name).map((v) => [p.name, encode(v)] as [string, string]), { nil: undefined }));
  const validSet = fc.tuple(...valid).map((entries) => entries.filter((e): e is [string, string] => e !== undefined));
  if (params.length === 0) return fc.oneof(fc.constant(part('valid', [])), fc.constant(part('odd_query', [['limit', '5'], ['x', '1']] as Array<[string, string]>)));
  const one = fc.constantFrom(...params);
  return fc.oneof(
    { weight: 5, arbitrary: validSet.map((entries) => part('valid', entries)) },
    { weight: 1, arbitrary: fc.tuple(validSet, one, fc.constantFrom(...oddQueryValues)).map(([entries, p, v]) => part('odd_query', [...entries, [p.name, v] as [string, string]])) },
    { weight: 1, arbitrary: fc.tuple(validSet, one).chain(([entries, p]) => wrongType(p.schema).map((v) => part('wrong_type', [...entries, [p.name, encode(v)] as [string, string]]))) },
    {
      weight: 1,
      arbitrary: fc.tuple(validSet, fc.constantFrom(...params.filter((p) => p.schema.type === 'integer'), { name: 'limit', in: 'query', required: false, schema: { minimum: 1, maximum: 100 } } satisfies Parameter)).chain(([entries, p]) =>
        boundaryNumbers(p.schema).map((n) => part('number_bounds', [...entries, [p.name, encode(String(n))] as [string, string]])),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(validSet, one, validValue({ type: 'string' }, context), fc.constantFrom('twice', 'brackets', 'keyed')).map(([entries, p, v, how]) => {
        const name = how === 'twice' ? p.name : how === 'brackets' ? `${p.name}[]` : `${p.name}[a]`;
        const first = entries.find(([k]) => k === p.name)?.[1] ?? '1';
        return part('repeated_query', [...entries, [p.name, first], [name, encode(v)]] as Array<[string, string]>);
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(validSet, fc.constantFrom('@cursor', 'AAAA', 'bm90IGEgY3Vyc29y', '%FF', 'a'.repeat(2049), '..%2F')).map(([entries, c]) =>
        part('odd_cursor', [...entries, ['cursor', c] as [string, string]]),
      ),
    },
  );
};

const callers = (op: Operation): fc.Arbitrary<Caller> =>
  op.staff
    ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom<Caller>('admin', 'agent') }, { weight: 1, arbitrary: fc.constantFrom<Caller>('anonymous', 'bad_token') })
    : fc.constantFrom<Caller>('anonymous', 'admin');

/** Mostly signed as the sender signs, so the fuzzed bodies are judged past authentication. */
const signingOf = (headerParams: ReadonlyArray<Parameter>): fc.Arbitrary<Signing | undefined> =>
  headerParams.some((p) => p.name === 'webhook-signature')
    ? fc.oneof({ weight: 6, arbitrary: fc.constant<Signing>('signed') }, { weight: 4, arbitrary: fc.constantFrom(...signings.filter((s) => s !== 'signed')) })
    : fc.constant(undefined);

const headerValues = fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), fc.constantFrom('', 'sha256=' + '0'.repeat(64), 'v1,AAAA'));

/** Requests for `op`: valid ones with random values, and hostile ones in every part the operation reads. */
export const requestsFor = (op: Operation, context: SchemaContext): fc.Arbitrary<FuzzRequest> => {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const query = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const path = fc.tuple(...pathParams.map((p) => pathValue(p, context)));
  const body = op.body === undefined ? fc.constant(undefined) : fc.option(bodies(op.body.schema, context), { nil: undefined, freq: 12 });
  const headers = fc.tuple(...headerParams.map((p) => fc.option(headerValues.map((v) => [p.name, v] as const), { nil: undefined })));
  return fc.record({ path, query: queryEntries(query, context), body, caller: callers(op), headers, signing: signingOf(headerParams) }).map(({ path: values, query: q, body: b, caller, headers: h, signing }) => {
    let target = op.path;
    pathParams.forEach((p, i) => (target = target.replace(`{${p.name}}`, (values[i] as Part<string>).value)));
    const search = q.value.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
    const signed = signing === undefined || signing === 'signed' ? 'valid' : signing;
    const kinds = [...values.map((v) => v.kind), q.kind, signed, b === undefined ? (op.body?.required === true ? 'no_body' : 'valid') : b.kind].filter((k) => k !== 'valid');
    return {
      operation: op.id,
      kinds: kinds.length === 0 ? ['valid'] : [...new Set(kinds)],
      caller,
      method: op.method,
      target: search === '' ? target : `${target}?${search}`,
      headers: Object.fromEntries(h.filter((e) => e !== undefined)),
      ...(b === undefined ? {} : { body: b }),
      ...(signing === undefined ? {} : { signing }),
    };
  });
};
