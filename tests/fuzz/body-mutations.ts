import fc from 'fast-check';
import { boundaryNumbers, validObject, wrongType, type JsonSchema, type SchemaContext } from './schema-values.ts';

/** A request body as sent: the bytes and the content type (none when undefined). */
export interface SentBody {
  readonly kind: string;
  readonly bytes: Buffer;
  readonly contentType?: string;
}

const json = 'application/json';
const sent = (kind: string, bytes: string | Buffer, contentType: string | undefined = json): SentBody => ({
  kind,
  bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
  ...(contentType === undefined ? {} : { contentType }),
});

const propertiesOf = (schema: JsonSchema): Array<[string, JsonSchema]> => Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
const isNumeric = (s: JsonSchema): boolean => s.type === 'integer' || s.type === 'number' || ((s.anyOf ?? []) as JsonSchema[]).some(isNumeric);
const numericPart = (s: JsonSchema): JsonSchema => (s.type === 'integer' || s.type === 'number' ? s : ((s.anyOf as JsonSchema[]).find(isNumeric) ?? {}));
const isText = (s: JsonSchema): boolean => s.type === 'string' || ((s.anyOf ?? []) as JsonSchema[]).some(isText);

/** Keys a client must never be able to set, and keys that poison prototypes. */
const sneakyKeys = ['id', 'tenant_id', 'status', 'role', 'created_at', 'assigned_agent_id', 'secret', '__proto__', 'constructor', 'prototype'];

const replaced = (base: Record<string, unknown>, key: string, value: unknown): string => JSON.stringify({ ...base, [key]: value });

/** Valid bodies, and every kind of hostile one, for an operation whose body has `schema`. */
export const bodies = (schema: JsonSchema, context: SchemaContext): fc.Arbitrary<SentBody> => {
  const valid = validObject(schema, context);
  const props = propertiesOf(schema);
  const required = (schema.required ?? []) as string[];
  const anyKey = props.length === 0 ? fc.constant('x') : fc.constantFrom(...props.map(([k]) => k));
  const textKeys = props.filter(([, s]) => isText(s)).map(([k]) => k);
  const numericProps = props.filter(([, s]) => isNumeric(s));
  const kinds: Array<fc.Arbitrary<SentBody>> = [
    valid.map((v) => sent('valid', JSON.stringify(v))),
    valid.map((v) => sent('valid', JSON.stringify(v), 'application/json; charset=utf-8')),
    fc.tuple(valid, fc.constantFrom(...props.map(([k, s]) => [k, s] as const), ['x', {}] as const)).chain(([v, [k, s]]) =>
      wrongType(s).map((bad) => sent('wrong_type', replaced(v, k, bad))),
    ),
    fc.tuple(valid, required.length === 0 ? anyKey : fc.constantFrom(...required)).map(([v, k]) => {
      const { [k]: _gone, ...rest } = v;
      return sent('missing_field', JSON.stringify(rest));
    }),
    fc.tuple(valid, fc.constantFrom(...sneakyKeys), fc.jsonValue({ maxDepth: 2 })).map(([v, k, x]) =>
      sent('extra_field', JSON.stringify({ ...v, ...JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(x) ?? 'null'}}`) })),
    ),
    fc.tuple(valid, fc.constantFrom(...(textKeys.length === 0 ? ['x'] : textKeys)), fc.constantFrom(10_001, 100_000, 600_000, 1_100_000), fc.constantFrom('a', '😀', 'é'))
      .map(([v, k, n, c]) => sent('huge_string', replaced(v, k, c.repeat(n)))),
    fc.tuple(valid, anyKey, fc.constantFrom(1_000, 100_000, 300_000)).map(([v, k, n]) => sent('huge_array', replaced(v, k, new Array(n).fill(0)))),
    fc.constantFrom(63, 64, 65, 1_000, 200_000).map((d) => sent('deep_nesting', `{"a":${'['.repeat(d)}${']'.repeat(d)}}`)),
    fc.constantFrom(20, 1_000).map((d) => sent('deep_nesting', `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`)),
    fc.tuple(valid, fc.constantFrom(...(textKeys.length === 0 ? ['x'] : textKeys)), fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82])).map(
      ([v, k, bytes]) => {
        const text = replaced(v, k, 'MARK');
        const [before, after] = text.split('MARK') as [string, string];
        return sent('invalid_utf8', Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]));
      },
    ),
    fc.tuple(valid, fc.constantFrom(...(textKeys.length === 0 ? ['x'] : textKeys)), fc.constantFrom('\ud800', 'a\udfff', '\udc00\ud800', '\ud83d')).map(([v, k, s]) =>
      sent('lone_surrogate', replaced(v, k, s)),
    ),
    fc.tuple(valid, fc.constantFrom(...(numericProps.length === 0 ? [['x', { type: 'integer' }] as [string, JsonSchema]] : numericProps))).chain(([v, [k, s]]) =>
      boundaryNumbers(numericPart(s)).map((n) => sent('number_bounds', replaced(v, k, n))),
    ),
    fc.tuple(valid, fc.constantFrom('1e999', '-0', '1.0', '00', '0x10', 'NaN', 'Infinity', '9'.repeat(400))).map(([v, raw]) => {
      const text = replaced(v, numericProps[0]?.[0] ?? 'x', 'MARK');
      return sent('number_bounds', text.replace('"MARK"', raw));
    }),
    fc.tuple(valid, anyKey, fc.jsonValue({ maxDepth: 1 })).map(([v, k, x]) => {
      const rest = JSON.stringify(v).slice(1);
      return sent('duplicate_keys', `{${JSON.stringify(k)}:${JSON.stringify(x) ?? 'null'},${rest === '}' ? `${JSON.stringify(k)}:1}` : rest}`);
    }),
    fc.tuple(valid, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json', 'application/jsonx', 'text/json', '*/*', undefined)).map(
      ([v, type]) => sent('wrong_content_type', JSON.stringify(v), type),
    ),
    fc.constantFrom('[]', '"x"', 'null', '1', 'true', '', ' ', '{', '{"a":1,}', "{'a':1}", '\u0000', '{"a":"\u0000"}', '[{}]').map((raw) => sent('not_an_object', raw)),
  ];
  return fc.oneof({ weight: 6, arbitrary: kinds[0] as fc.Arbitrary<SentBody> }, ...kinds.slice(1).map((arbitrary) => ({ weight: 1, arbitrary })));
};
