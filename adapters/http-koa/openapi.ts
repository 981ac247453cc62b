import { Schema } from 'effect';
import { ErrorDto } from './dto.schemas.ts';
import { errorResponses, errorTagsOf } from './openapi-errors.ts';
import type { AnyRoute } from './route.ts';

type Json = Record<string, unknown>;

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
      ...(success.schema === undefined ? {} : { content: { [success.contentType ?? 'application/json']: { schema: toJsonSchema(success.schema, components) } } }),
    },
  };
  Object.assign(responses, errorResponses(errorTagsOf(route)), { 405: { $ref: '#/components/responses/MethodNotAllowed' } });
  return {
    tags: [route.tag],
    summary: route.summary,
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(requestBody === undefined ? {} : { requestBody }),
    security: route.docs?.security ?? (route.auth === 'staff' ? [{ bearer: [] }] : []),
    responses,
  };
};

export interface DocumentOptions {
  readonly version: string;
  /** Where clients reach the API (`PUBLIC_BASE_URL`). */
  readonly serverUrl: string;
}

/** The OpenAPI 3.1 document of the routes, generated from the very schemas that validate requests. */
export const openApiDocument = (routes: ReadonlyArray<AnyRoute>, options: DocumentOptions): Json => {
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
  paths['/metrics'] = {
    get: {
      tags: ['Operations'],
      summary: 'Prometheus metrics (text exposition format), when METRICS_TOKEN is set and sent as the bearer token',
      operationId: 'getMetrics',
      security: [{ metricsToken: [] }],
      responses: {
        200: { description: 'The metrics', content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } } },
        404: { description: 'not_found: metrics are off (no METRICS_TOKEN) or the token is missing or wrong', content: error },
        ...notAllowed,
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: options.version,
      description: 'Omnichannel customer-support backend. Errors are `{ "error": { "code", "message", "details"? } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // No `jsonSchemaDialect`: the OpenAPI 3.1 default dialect is what the schemas use, and Swagger UI cannot resolve another.
    servers: [{ url: options.serverUrl }],
    paths,
    components: {
      schemas: components,
      responses: { MethodNotAllowed: methodNotAllowed },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN of the deployment (not a user token).' },
        streamTicket: { type: 'apiKey', in: 'query', name: 'ticket', description: 'A single-use ticket from `POST /api/events/ticket` (live events only)' },
      },
    },
    security: [{ bearer: [] }],
  };
};
