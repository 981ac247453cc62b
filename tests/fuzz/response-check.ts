import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Operation } from './operations.ts';

/** What a client must never see: stack frames, source paths, SQL, driver error names. */
const leaks: ReadonlyArray<[string, RegExp]> = [
  ['stack trace', /\n\s+at [^\n]+[(:]\d+/],
  ['source path', /(\/work\/|node_modules|file:\/\/|\.ts:\d+)/],
  ['SQL', /\b(select\s+[\w`*.,\s]+\s+from|insert\s+into|update\s+`?\w+`?\s+set|delete\s+from)\b/i],
  ['driver error', /\b(ER_[A-Z_]{4,}|SQLITE_[A-Z]+|ECONNREFUSED|MikroORM|knex|kysely)\b/],
];

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Checks answers against the served document: status documented, body of the documented schema, the error envelope, no leaks. */
export class ResponseChecker {
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction | null>();

  // oxlint-disable-next-line no-explicit-any -- the served document
  constructor(doc: any) {
    this.#ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.#ajv);
    this.#ajv.addSchema({ ...doc, $id: 'openapi.json' });
  }

  #validator(op: Operation, status: string): ValidateFunction | null {
    const key = `${op.id} ${status}`;
    if (this.#validators.has(key)) return this.#validators.get(key) ?? null;
    let response = op.responses[status];
    if (typeof response?.$ref === 'string') response = this.#ajv.getSchema(`openapi.json${response.$ref}`)?.schema;
    const schema = response?.content?.['application/json']?.schema;
    // Refs inside point into the document added under `openapi.json`.
    const validate = schema === undefined ? null : this.#ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"openapi.json#/')));
    this.#validators.set(key, validate);
    return validate;
  }

  /** Every way `answer` breaks the contract for `op` (empty when it keeps it). */
  problems(op: Operation, answer: Answer): string[] {
    const found: string[] = [];
    const status = String(answer.status);
    // 502 is the contract's answer when Qiscus refuses the call (the fuzzer may have set wrong credentials).
    const upstream = answer.status === 502 && answer.text.includes('"code":"upstream_error"');
    if ((answer.status >= 500 && !upstream) || answer.status < 200) found.push(`status ${status}`);
    for (const [name, pattern] of leaks) if (pattern.test(answer.text)) found.push(`leaks ${name}`);
    if (op.responses[status] === undefined) {
      found.push(`status ${status} is not documented`);
      return found;
    }
    if (answer.text === '') {
      if (this.#validator(op, status) !== null) found.push('empty body where one is documented');
      return found;
    }
    if (!/^application\/json\b/.test(answer.contentType)) found.push(`content-type ${answer.contentType}`);
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      found.push('body is not JSON');
      return found;
    }
    const validate = this.#validator(op, status);
    if (validate === null) found.push('a body where none is documented');
    else if (!validate(body)) found.push(`body does not match the ${status} schema: ${this.#ajv.errorsText(validate.errors)}`);
    return found;
  }
}
