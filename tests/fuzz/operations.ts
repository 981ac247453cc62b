import type { JsonSchema } from './schema-values.ts';

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

/** One operation of the served document, as the fuzzer needs it. */
export interface Operation {
  readonly id: string;
  readonly method: string;
  /** OpenAPI path, `{name}` for parameters. */
  readonly path: string;
  readonly parameters: ReadonlyArray<Parameter>;
  readonly body?: { readonly schema: JsonSchema; readonly required: boolean };
  /** Whether it takes a bearer token. */
  readonly staff: boolean;
  // oxlint-disable-next-line no-explicit-any -- the document's response objects
  readonly responses: Readonly<Record<string, any>>;
}

// oxlint-disable-next-line no-explicit-any -- the served document
export const operationsOf = (doc: any): Operation[] =>
  Object.entries(doc.paths as Record<string, Record<string, JsonSchema>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => {
      const body = op.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined;
      return {
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []) as Parameter[],
        ...(body === undefined ? {} : { body: { schema: body, required: op.requestBody.required === true } }),
        staff: Array.isArray(op.security) ? op.security.length > 0 : true,
        responses: op.responses,
      };
    }),
  );

/** A local `$ref` of the document, resolved. */
// oxlint-disable-next-line no-explicit-any -- the served document
export const resolverOf = (doc: any) => (ref: string): JsonSchema =>
  ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((at, part) => at?.[part], doc);

const templateOf = (path: string): RegExp => new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`);

/**
 * The operation the server routes `pathname` to (a trailing slash or an empty id can reach another
 * one), or, for a path the document does not have, one that takes only the 404 and 405 answers.
 */
export const routedOperation = (operations: ReadonlyArray<Operation>, method: string, pathname: string): Operation => {
  const matching = operations.filter((op) => templateOf(op.path).test(pathname));
  const exact = matching.find((op) => op.method === method) ?? matching[0];
  if (exact !== undefined) return exact;
  const error = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return { id: `${method} (unknown path)`, method, path: pathname, parameters: [], staff: false, responses: { 404: error, 405: error } };
};
