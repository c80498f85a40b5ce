import { Agent, request as httpRequest } from 'node:http';
import fc from 'fast-check';

/**
 * Requests for the fuzzing end-to-end test (issue 5 §6, issue 6 §6), after the OWASP Web Security Testing
 * Guide's input-validation chapter. Two families, both derived from the OpenAPI document so that a new endpoint
 * is covered without touching the test:
 * - hostile: path ids that are long, non-ASCII, traversals, SQL-ish, NUL bytes, broken percent-encoding or
 *   plausible UUIDs; bodies that are arbitrary JSON, not JSON, nested or sized to the limit, or a body that is
 *   valid by the endpoint's schema but for one field made hostile (a NUL, a lone surrogate, a prototype key,
 *   absurd nesting); odd Content-Type, Content-Encoding, Idempotency-Key, X-Request-Id and Authorization.
 *   Every one of them must be refused.
 * - plausible: bodies and queries that follow the schema (enums, patterns, formats, required fields), which
 *   reach past validation into the services and the workflows' own Update validators.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One operation of the OpenAPI document, e.g. POST /api/referrals/{id}/withdraw, with its schemas resolved. */
export interface Operation {
  method: string;
  template: string;
  /** Names of the template's `{params}`. */
  params: string[];
  query: Array<{ name: string; schema: JsonSchema }>;
  body: JsonSchema | undefined;
}

const HTTP_METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete'];

/** Inlines `$ref`s (a recursive schema stops after a few levels: plausible values need no more). */
function resolved(schema: JsonSchema | undefined, document: OpenApiDocument, depth = 0): JsonSchema | undefined {
  if (schema === undefined || depth > 6) return undefined;
  if (schema.$ref !== undefined) return resolved(document.components?.schemas?.[schema.$ref.split('/').pop() ?? ''], document, depth + 1);
  const each = (list: JsonSchema[] | undefined): JsonSchema[] | undefined => list?.map((s) => resolved(s, document, depth + 1) ?? {});
  const properties = schema.properties === undefined ? undefined : Object.fromEntries(Object.entries(schema.properties).map(([key, s]) => [key, resolved(s, document, depth + 1) ?? {}]));
  const items = resolved(schema.items, document, depth + 1);
  const oneOf = each(schema.oneOf);
  const anyOf = each(schema.anyOf);
  const allOf = each(schema.allOf);
  return { ...schema, ...(properties && { properties }), ...(items && { items }), ...(oneOf && { oneOf }), ...(anyOf && { anyOf }), ...(allOf && { allOf }) };
}

/** Every operation the API documents, so a new endpoint is fuzzed without touching the test. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        template,
        params: [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? ''),
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolved(p.schema, document) ?? {} })),
        body: resolved(operation.requestBody?.content?.['application/json']?.schema, document),
      })),
  );
}

// ---------------------------------------------------------------------------------------------- plausible values

/** Text for a string field without pattern or format. */
const FALLBACK_TEXT = fc.constantFrom('Reden van de stap', 'regisseur-2', 'x', 'Ouders zijn akkoord', '12AB');

/** A value the schema accepts, most of the time (patterns and enums are honoured; cross-field rules are not). */
export function plausibleValue(schema: JsonSchema | undefined, knownIds: readonly string[], depth = 0, name = ''): fc.Arbitrary<unknown> {
  if (schema === undefined || depth > 5) return fc.jsonValue({ maxDepth: 1 });
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants !== undefined && variants.length > 0) return fc.oneof(...variants.map((variant) => plausibleValue(variant, knownIds, depth + 1)));
  if (schema.allOf !== undefined && schema.allOf.length > 0) return plausibleValue(Object.assign({}, ...schema.allOf) as JsonSchema, knownIds, depth + 1);
  if (schema.enum !== undefined && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, plausibleValue(s, knownIds, depth + 1, key)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    case 'array':
      return fc.array(plausibleValue(schema.items, knownIds, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 2, 2)) });
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const exclusive = schema.exclusiveMinimum === true ? 1 : 0;
      const min = (schema.minimum ?? 0) + exclusive;
      return fc.integer({ min, max: Math.max(min, Math.min(schema.maximum ?? 100, min + 100)) });
    }
    case 'string':
      return plausibleText(schema, knownIds, name);
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function plausibleText(schema: JsonSchema, knownIds: readonly string[], name: string): fc.Arbitrary<string> {
  // A URL field's rules live in code, not in the schema; a loopback URL is one the API accepts outside production.
  if (schema.format === 'uri' || /url|uri/i.test(name)) return fc.constantFrom('http://127.0.0.1:9/hook', 'https://localhost:9/hook');
  if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...knownIds), fc.uuid());
  if (schema.format === 'date') return fc.constantFrom('2026-11-02', '2027-01-15', '2027-08-30', '2024-02-29');
  if (schema.format === 'date-time') return fc.constantFrom('2026-11-02T10:00:00+01:00', '2027-01-15T00:00:00Z');
  const min = Math.max(1, schema.minLength ?? 1);
  const max = Math.max(min, schema.maxLength ?? Infinity);
  // Never a filter: a length rule that generated text rarely meets would make fast-check loop for ever.
  const fitted = (text: string): string => (text.length === 0 ? 'x' : text).repeat(Math.ceil(min / Math.max(text.length, 1))).slice(0, max);
  if (schema.pattern !== undefined) {
    try {
      const pattern = new RegExp(schema.pattern);
      return fc.stringMatching(pattern).map((text) => (text.length >= min && text.length <= max ? text : fitted(text)));
    } catch {
      // A pattern fast-check cannot generate from: plain text below, mostly refused.
    }
  }
  return fc.oneof(FALLBACK_TEXT.map(fitted), fc.string({ minLength: min, maxLength: Math.min(max, min + 40) }));
}

// ---------------------------------------------------------------------------------------------- hostile values

/** Percent-encodes every byte but the unreserved ones (RFC 3986 §2.3); lone surrogates become U+FFFD. */
export function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((byte) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** Path segments sent as they are: traversal, encoded separators, broken or overlong percent-encoding. */
const RAW_SEGMENTS = ['..', '.', '../..', '..%2F..%2Fhealth', '%2e%2e', '%2F', '%00', '%', '%E0%A4%A', '%ED%A0%80', '%FF%FE', '%C0%AE%C0%AE', ';', '~', '%20', '%0A', '%0D%0A', '*', '$', '@'];

/** Plausible and implausible ids, written out as text before encoding. */
const HOSTILE_TEXTS = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'null',
  'undefined',
  'NaN',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  "' OR '1'='1",
  '1; DROP TABLE referral; --',
  "x' UNION SELECT * FROM audit_log --",
  '{"$gt":""}',
  '../../etc/passwd',
  '..\\..\\windows',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '😀'.repeat(50),
  'ÄÖÜ-ß',
  '\u202e\u200b',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '%s%s%s%n',
  'x'.repeat(2_000),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-00000000000',
  '{00000000-0000-0000-0000-000000000000}',
  'toewijzing-999999999999',
  'overstap-0',
  'overstap-1 ',
  '123456782',
];

/** A path parameter's value, ready to put in the URL. `known` are real ids of this stack (closed cases). */
function pathParamArbitrary(known: readonly string[], mode: 'hostile' | 'plausible'): fc.Arbitrary<string> {
  const knownIds = fc.constantFrom(...known).map(percentEncode);
  if (mode === 'plausible') return fc.oneof({ weight: 4, arbitrary: knownIds }, { weight: 1, arbitrary: fc.uuid() });
  return fc.oneof(
    { weight: 5, arbitrary: knownIds },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXTS).map(percentEncode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }).map(percentEncode) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 1_500 }).map(percentEncode) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-fA-F-]{30,40}$/) },
  );
}

const RAW_QUERIES = [
  'limit=-1',
  'limit=1e309',
  'limit=0x10',
  'limit[]=1',
  'limit=1&limit=2',
  'stage[$ne]=x',
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  'cursor=%00',
  `cursor=${'A'.repeat(3_000)}`,
  'cursor=W10',
  'cursor=eyJfX3Byb3RvX18iOnt9fQ',
  'overdue=maybe',
  'case=%27%20OR%201%3D1',
  '=',
  '&&&',
  '%',
  'a=%E0%A4%A',
];

/** A query string (with its `?`), or nothing: the documented parameters with plausible or hostile values. */
function queryArbitrary(operation: Operation, knownIds: readonly string[], mode: 'hostile' | 'plausible'): fc.Arbitrary<string> {
  const documented = Object.fromEntries(operation.query.map(({ name, schema }) => [name, plausibleValue(schema, knownIds).map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))]));
  const plausible = fc.record(documented, { requiredKeys: [] }).map((pairs) => Object.entries(pairs).map(([key, value]) => `${percentEncode(key)}=${percentEncode(String(value))}`).join('&'));
  if (mode === 'plausible') return plausible.map((q) => (q === '' ? '' : `?${q}`));
  const names = [...operation.query.map((p) => p.name), 'limit', 'cursor', 'case'];
  const hostilePairs = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 20 })), fc.oneof(fc.constantFrom(...HOSTILE_TEXTS), fc.string({ unit: 'binary', maxLength: 60 }))), { minLength: 1, maxLength: 4 })
    .map((pairs) => pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&'));
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant('') },
    { weight: 2, arbitrary: plausible.map((q) => (q === '' ? '' : `?${q}`)) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERIES).map((q) => `?${q}`) },
    { weight: 1, arbitrary: hostilePairs.map((q) => `?${q}`) },
  );
}

/** Any header value node's HTTP client will send: tab and the printable Latin-1 range (RFC 9110 §5.5 obs-text). */
function headerTextArbitrary(maxLength: number): fc.Arbitrary<string> {
  const char = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09)).map((code) => String.fromCharCode(code));
  return fc.string({ unit: char, maxLength });
}

/** Mostly the value a well-behaved client sends, now and then a hostile one: so most requests get past each gate. */
function mostly<T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>, oddWeight = 1, usualWeight = 9): fc.Arbitrary<T> {
  return fc.oneof({ weight: usualWeight, arbitrary: usual }, { weight: oddWeight, arbitrary: odd });
}

const ODD_CONTENT_TYPES = [
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=klingon',
  'application/json; charset="',
  'application/json; boundary=x; charset=utf-8; charset=ascii',
  'APPLICATION/JSON;CHARSET=UTF-8',
  'application/problem+json',
  'application/merge-patch+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'text/plain',
  'text/html',
  'application/xml',
  'application/octet-stream',
  '*/*',
  'json',
  ';;;',
  '',
];

export interface RequestHeaders {
  authorization: string | undefined;
  contentType: string | undefined;
  contentEncoding: string | undefined;
  idempotencyKey: string | undefined;
  /** A garbage X-Request-Id, sent instead of the test's own unique id. */
  requestId: string | undefined;
  extra: Record<string, string>;
}

/** `tokens` are valid bearer tokens of every role; `forgedTokens` look like tokens but are not the API's. */
function headersArbitrary(tokens: readonly string[], forgedTokens: readonly string[], mode: 'hostile' | 'plausible'): fc.Arbitrary<RequestHeaders> {
  const valid = fc.constantFrom(...tokens).map((token) => `Bearer ${token}`);
  if (mode === 'plausible') {
    return fc.record({
      authorization: valid,
      contentType: fc.constant('application/json'),
      contentEncoding: fc.constant(undefined),
      idempotencyKey: fc.option(fc.uuid(), { nil: undefined }),
      requestId: fc.constant(undefined),
      extra: fc.constant({}),
    });
  }
  const badAuthorization = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...forgedTokens).map((token) => `Bearer ${token}`),
    fc.constantFrom('Bearer', 'Bearer ', 'bearer x.y.z', 'Basic dXNlcjpwYXNz', 'Bearer a.b', `Bearer ${'a'.repeat(4_000)}`, 'Bearer ../../', 'Negotiate x'),
    headerTextArbitrary(200),
  );
  const extra = fc.dictionary(
    fc.constantFrom('Accept', 'Accept-Charset', 'X-Forwarded-For', 'X-Forwarded-Host', 'Forwarded', 'X-HTTP-Method-Override', 'Origin', 'Range', 'If-None-Match', 'Cookie'),
    headerTextArbitrary(300),
    { maxKeys: 2 },
  );
  return fc.record({
    authorization: mostly(valid, badAuthorization, 2, 8),
    contentType: mostly(fc.constant('application/json'), fc.constantFrom(...ODD_CONTENT_TYPES, undefined), 2, 8),
    contentEncoding: mostly(fc.constant(undefined), fc.constantFrom('identity', 'gzip', 'deflate', 'br', 'x-klingon', 'gzip, gzip', '')),
    idempotencyKey: mostly(fc.option(fc.uuid(), { nil: undefined }), fc.oneof(headerTextArbitrary(150), fc.constantFrom('', ' ', 'x'.repeat(101), 'ключ', '\t')), 2, 8),
    requestId: mostly(fc.constant(undefined), fc.oneof(headerTextArbitrary(150), fc.constantFrom('', 'has spaces', 'x'.repeat(101), 'a\tb', '../x', "'; DROP TABLE audit_log; --"))),
    extra: mostly(fc.constant({}), extra, 1, 4),
  });
}

/** Values no field may hold, whatever its schema (hostile-input.check.ts refuses each of them). */
const REFUSED_VALUES: unknown[] = [
  'x\u0000',
  '\u0000',
  'Reden\ud800',
  '\udfff',
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('['.repeat(20) + ']'.repeat(20)),
];

/** Replaces one field (or adds a prototype key) somewhere in a plausible body, so that it must be refused. */
function withOneRefusedField(body: unknown, pick: number, value: unknown, addKey: boolean): unknown {
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const collect = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    containers.push(node as Record<string, unknown>);
    for (const child of Object.values(node)) collect(child);
  };
  const copy: unknown = JSON.parse(JSON.stringify(body ?? {}));
  collect(copy);
  const objects = containers.filter((node) => !Array.isArray(node));
  const withFields = containers.filter((node) => Object.keys(node).length > 0);
  if (addKey || withFields.length === 0) {
    // JSON.stringify drops named keys of an array, so a key is added to an object only.
    const target = objects[pick % Math.max(objects.length, 1)];
    if (target === undefined) return value;
    Object.defineProperty(target, pick % 2 === 0 ? '__proto__' : 'constructor', { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
    return copy;
  }
  const target = withFields[pick % withFields.length] as Record<string, unknown>;
  const keys = Object.keys(target);
  target[keys[pick % keys.length] as string] = value;
  return copy;
}

/** Raw bodies that probe the parser rather than the schema. */
const RAW_BODIES = [
  '',
  '{',
  '}',
  '{"a":',
  'null',
  'true',
  '0',
  '"text"',
  '[]',
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '['.repeat(30_000) + ']'.repeat(30_000),
  '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
  `{"summary":"${'x'.repeat(60_000)}"}`,
  `[${'1,'.repeat(30_000)}1]`,
  '{"reason":"\\u0000"}',
  '{"reason":"\\ud800"}',
  '\ufeff{}',
  '{"reason":"x"}\u0000',
  '1e999999',
  '-',
  '\u0000',
  'reason=x&reason=y&__proto__[polluted]=1',
  'a[b][c][d][e][f][g][h][i][j][k]=1',
  '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
  '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
];

function bodyArbitrary(operation: Operation, knownIds: readonly string[], mode: 'hostile' | 'plausible'): fc.Arbitrary<string | undefined> {
  const plausible = plausibleValue(operation.body ?? { type: 'object', properties: { reason: { type: 'string' } } }, knownIds);
  if (mode === 'plausible') return plausible.map((value) => JSON.stringify(value));
  const anything = fc.anything({ maxDepth: 4, withNullPrototype: true }).map((value) => {
    try {
      return JSON.stringify(value);
    } catch {
      return undefined;
    }
  });
  const oneFieldRefused = fc
    .tuple(plausible, fc.nat(), fc.constantFrom(...REFUSED_VALUES), fc.boolean())
    .map(([body, pick, value, addKey]) => JSON.stringify(withOneRefusedField(body, pick, value, addKey)));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
    { weight: 1, arbitrary: anything },
    { weight: operation.body === undefined ? 1 : 6, arbitrary: oneFieldRefused },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  );
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: RequestHeaders;
  body: string | undefined;
}

export interface FuzzContext {
  knownIds: readonly string[];
  tokens: readonly string[];
  forgedTokens: readonly string[];
}

/** Requests against one operation; hostile ones now and then with another method on the same path. */
export function requestArbitrary(operation: Operation, context: FuzzContext, mode: 'hostile' | 'plausible'): fc.Arbitrary<FuzzRequest> {
  const segments = fc.tuple(...operation.params.map(() => pathParamArbitrary(context.knownIds, mode)));
  const otherMethod = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE');
  return fc.record({
    method: mode === 'plausible' ? fc.constant(operation.method) : mostly(fc.constant(operation.method), otherMethod, 1, 12),
    path: fc.tuple(segments, queryArbitrary(operation, context.knownIds, mode)).map(([values, query]) => {
      let index = 0;
      return operation.template.replace(/\{[^}]+\}/g, () => values[index++] ?? '') + query;
    }),
    headers: headersArbitrary(context.tokens, context.forgedTokens, mode),
    body: operation.method === 'GET' || operation.method === 'HEAD' ? mostly(fc.constant(undefined), bodyArbitrary(operation, context.knownIds, 'hostile'), 1, 6) : bodyArbitrary(operation, context.knownIds, mode),
  });
}

// ---------------------------------------------------------------------------------------------- sending

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One keep-alive connection at a time: the requests are sequential, so sockets are reused, not piled up. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Sends exactly the given bytes and headers (supertest would add a Content-Type of its own, and serialise
 * bodies). Times out rather than hang: a request the API never answers is a finding too.
 */
export function sendRaw(port: number, fuzz: FuzzRequest, requestId: string): Promise<RawResponse> {
  const body = fuzz.body === undefined ? undefined : Buffer.from(fuzz.body, 'utf8');
  const { headers: h } = fuzz;
  const headers: Record<string, string> = { ...h.extra, 'X-Request-Id': h.requestId ?? requestId };
  if (h.authorization !== undefined) headers['Authorization'] = h.authorization;
  if (h.idempotencyKey !== undefined) headers['Idempotency-Key'] = h.idempotencyKey;
  if (body !== undefined) {
    if (h.contentType !== undefined) headers['Content-Type'] = h.contentType;
    if (h.contentEncoding !== undefined) headers['Content-Encoding'] = h.contentEncoding;
    headers['Content-Length'] = String(body.length);
  }
  // Header values go out as their UTF-8 bytes, as a client would send non-Latin-1 text (node sends Latin-1 only).
  const wire = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value, 'utf8').toString('latin1')]));
  return new Promise((resolve, reject) => {
    const call = httpRequest({ host: '127.0.0.1', port, method: fuzz.method, path: fuzz.path, headers: wire, agent, timeout: 15_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    call.on('timeout', () => call.destroy(new Error(`no answer within 15 s: ${fuzz.method} ${fuzz.path.slice(0, 200)}`)));
    call.on('error', reject);
    call.end(body);
  });
}

export function closeConnections(): void {
  agent.destroy();
}
