import fc from 'fast-check';

// oxlint-disable-next-line no-explicit-any -- JSON Schema objects of the served document
export type JsonSchema = Record<string, any>;

/** Values a property or parameter of that name should take when the request is meant to be valid. */
export type Hints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

export interface SchemaContext {
  /** Resolves a local `$ref` of the document. */
  readonly resolve: (ref: string) => JsonSchema;
  readonly hints: Hints;
}

const text = (min: number, max: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: Math.min(max, min + 40) }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, min + 20) }) },
    { weight: 1, arbitrary: fc.constantFrom(...[min, max].map((n) => '😀'.repeat(n))) },
  );

const integer = (schema: JsonSchema): fc.Arbitrary<number> => {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1_000_000;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000;
  return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
};

/** A value the schema accepts (the hint of `name` first, when there is one). */
export const validValue = (schema: JsonSchema, context: SchemaContext, name?: string): fc.Arbitrary<unknown> => {
  const hint = name === undefined ? undefined : context.hints[name];
  if (hint !== undefined) return hint;
  if (schema.$ref !== undefined) return validValue(context.resolve(schema.$ref), context, name);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (options !== undefined) return fc.oneof(...options.map((s) => validValue(s, context, name)));
  switch (schema.type) {
    case 'string':
      return schema.pattern === undefined
        ? text(schema.minLength ?? 0, schema.maxLength ?? 60)
        : fc.stringMatching(new RegExp(schema.pattern as string, 'u'));
    case 'integer':
      return integer(schema);
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum, max: schema.maximum });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items ?? {}, context), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) });
    case 'object':
      return validObject(schema, context);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
};

/** An object with every required property and any of the optional ones. */
export const validObject = (schema: JsonSchema, context: SchemaContext): fc.Arbitrary<Record<string, unknown>> => {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const model = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, validValue(s, context, key)]));
  return fc.record(model, { requiredKeys: [...required].filter((key) => key in properties) });
};

/** A value of another JSON type than the schema's (a string where a number goes, an object for a string...). */
export const wrongType = (schema: JsonSchema): fc.Arbitrary<unknown> => {
  const types = new Set<string>([schema.type, ...((schema.anyOf ?? []) as JsonSchema[]).map((s) => s.type as string)].filter(Boolean));
  const all: Array<[string, fc.Arbitrary<unknown>]> = [
    ['string', fc.oneof(fc.string(), fc.constantFrom('1', 'true', 'null', '[]', '{}'))],
    ['integer', fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 53, -(2 ** 53)))],
    ['number', fc.constantFrom(0.5, -0, 1e308, -1e-308, 3.14)],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })],
  ];
  const others = all.filter(([type]) => !types.has(type) && !(type === 'number' && types.has('integer')) && !(type === 'integer' && types.has('number')));
  return fc.oneof(...others.map(([, arbitrary]) => arbitrary));
};

/** Numbers at and just past every bound of an integer or number schema, and values no integer can be. */
export const boundaryNumbers = (schema: JsonSchema): fc.Arbitrary<number> => {
  const bounds = [schema.minimum, schema.maximum].filter((n): n is number => typeof n === 'number');
  const near = bounds.flatMap((n) => [n - 1, n, n + 1, n - 0.5, n + 0.5]);
  return fc.constantFrom(...near, 0, -1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e21, 1e308, -1e308, 5e-324, 0.1);
};
