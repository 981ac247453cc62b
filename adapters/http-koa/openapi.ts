import { Schema } from 'effect';
import { ErrorDto } from './dto.schemas.ts';
import type { AnyRoute } from './route.ts';

type Json = Record<string, unknown>;

const errorMeaning: Readonly<Record<number, string>> = {
  400: 'malformed_json',
  401: 'unauthenticated / invalid_credentials / invalid_refresh_token',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'invalid_transition / ticket_closed / conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited (see Retry-After)',
  500: 'internal_error',
  503: 'unavailable',
};

/** JSON Schema of `schema` with its named parts moved into `components`. */
const toJsonSchema = (schema: Schema.Top, components: Json): Json => {
  const rewrite = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/'));
  const document = Schema.toJsonSchemaDocument(schema);
  for (const [name, definition] of Object.entries(document.definitions)) components[name] = rewrite(definition);
  return rewrite(document.schema) as Json;
};

const openApiPath = (koaPath: string): string => koaPath.replace(/:([A-Za-z_]+)/g, '{$1}');

const properties = (schema: Json): ReadonlyArray<[string, Json, boolean]> => {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => [name, s, required.has(name)]);
};

/** What the pager adds to the `limit` and `cursor` of every list (route-runner: `limit ?? 20`). */
const pagingDocs: Readonly<Record<string, Json>> = {
  limit: { description: 'Page size; an empty `limit=` counts as absent', schema: { default: 20 } },
  cursor: { description: "The previous page's `next_cursor`, unchanged" },
};

// Path and query values arrive as strings; the document shows what they decode to (e.g. `limit`: integer 1..100).
const parametersOf = (schema: Schema.Top, where: 'path' | 'query', components: Json): Json[] =>
  properties(toJsonSchema(Schema.toType(schema), components)).map(([name, s, required]) => {
    const extra = where === 'query' ? pagingDocs[name] : undefined;
    return { name, in: where, required: where === 'path' || required, ...extra, schema: { ...s, ...(extra?.schema as Json | undefined) } };
  });

const requestBodyOf = (route: AnyRoute, components: Json): Json | undefined => {
  const doc = route.body === undefined ? route.docs?.body : { schema: route.body, required: true };
  if (doc === undefined) return undefined;
  const description = 'description' in doc && doc.description !== undefined ? { description: doc.description } : {};
  return { ...description, required: doc.required, content: { 'application/json': { schema: toJsonSchema(doc.schema, components) } } };
};

const methodNotAllowed: Json = {
  description: 'method_not_allowed: this path does not take that method (answered before authentication)',
  headers: { Allow: { description: 'The methods this path takes', schema: { type: 'string' } } },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const operation = (route: AnyRoute, components: Json): Json => {
  const parameters = [
    ...(route.params === undefined ? [] : parametersOf(route.params, 'path', components)),
    ...(route.query === undefined ? [] : parametersOf(route.query, 'query', components)),
    ...(route.docs?.parameters ?? []).map((p) => ({ name: p.name, in: p.in, required: p.required, description: p.description, schema: toJsonSchema(p.schema, components) })),
  ];
  const requestBody = requestBodyOf(route, components);
  const success = route.success;
  const responses: Json = {
    [success.status]: {
      description: success.description,
      ...(success.schema === undefined ? {} : { content: { 'application/json': { schema: toJsonSchema(success.schema, components) } } }),
    },
  };
  for (const status of [...route.errors, 500, 503]) {
    responses[status] = { description: errorMeaning[status] ?? 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  responses[405] = { $ref: '#/components/responses/MethodNotAllowed' };
  return {
    tags: [route.tag],
    summary: route.summary,
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(requestBody === undefined ? {} : { requestBody }),
    ...(route.auth === 'staff' ? { security: [{ bearer: [] }] } : { security: [] }),
    responses,
  };
};

/** The OpenAPI 3.1 document of the routes, generated from the very schemas that validate requests. */
export const openApiDocument = (routes: ReadonlyArray<AnyRoute>, version: string): Json => {
  const components: Json = {};
  toJsonSchema(ErrorDto, components);
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, components) };
  }
  const status = (value: string): Json => ({ 'application/json': { schema: { type: 'object', properties: { status: { const: value } }, required: ['status'] } } });
  const error: Json = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
  const notAllowed = { 405: { $ref: '#/components/responses/MethodNotAllowed' } };
  paths['/healthz'] = {
    get: { tags: ['Operations'], summary: 'Liveness', operationId: 'getHealthz', security: [], responses: { 200: { description: 'The process is up', content: status('ok') }, ...notAllowed } },
  };
  paths['/readyz'] = {
    get: {
      tags: ['Operations'],
      summary: 'Readiness: the database (and broker, if configured) answer',
      operationId: 'getReadyz',
      security: [],
      responses: { 200: { description: 'Ready', content: status('ready') }, 503: { description: 'unavailable: store or broker down, or shutting down', content: error }, ...notAllowed },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard API', version, description: 'Omnichannel customer-support backend. Errors are `{ "error": { "code", "message", "details"? } }`.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: { schemas: components, responses: { MethodNotAllowed: methodNotAllowed }, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
  };
};
