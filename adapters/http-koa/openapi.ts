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

const operation = (route: AnyRoute, components: Json): Json => {
  const parameters = [
    ...(route.params === undefined ? [] : properties(toJsonSchema(route.params, components)).map(([name, schema]) => ({ name, in: 'path', required: true, schema }))),
    ...(route.query === undefined ? [] : properties(toJsonSchema(route.query, components)).map(([name, schema, required]) => ({ name, in: 'query', required, schema }))),
  ];
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
  return {
    tags: [route.tag],
    summary: route.summary,
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(route.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(route.body, components) } } } }),
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
  paths['/healthz'] = { get: { tags: ['Operations'], summary: 'Liveness', security: [], responses: { 200: { description: 'The process is up' } } } };
  paths['/readyz'] = {
    get: { tags: ['Operations'], summary: 'Readiness', security: [], responses: { 200: { description: 'Ready' }, 503: { description: 'Store unavailable or shutting down' } } },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard API', version, description: 'Omnichannel customer-support backend. Errors are `{ "error": { "code", "message", "details"? } }`.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
  };
};
