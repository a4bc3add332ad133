// Zero-dependency helpers shared by fuzz.mjs and contract-replay.mjs:
// load the served OpenAPI document, list operations, build valid sample values
// from schemas, and send raw HTTP requests (node:http, so paths are NOT normalised:
// "../" and "%00" reach the server exactly as written).
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';

export const DOC_CANDIDATES = ['/openapi/v1.json', '/swagger/v1/swagger.json', '/openapi.json'];
export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 4 }),
                 'https:': new https.Agent({ keepAlive: true, maxSockets: 4 }) };

/** CHECKS_HEADER='Name: value' (several separated by newlines): sent with every request, e.g. an API key. */
export const EXTRA_HEADERS = Object.fromEntries((process.env.CHECKS_HEADER || '').split('\n').filter(l => l.includes(':'))
  .map(l => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));

/**
 * Send one request. `path` is used verbatim (must already be percent-encoded).
 * Resolves (never rejects) with {status, headers, body(Buffer, capped), length, ms}
 * or {error, timedOut, ms}.
 */
export function send(base, { method = 'GET', path = '/', headers = {}, body = null,
                              timeoutMs = 10000, bodyCap = 65536 } = {}) {
  const u = new URL(base);
  const lib = u.protocol === 'https:' ? https : http;
  const prefix = u.pathname.replace(/\/$/, '');
  return new Promise(resolve => {
    let done = false, timer = null;
    const t0 = performance.now();
    const finish = r => { if (!done) { done = true; clearTimeout(timer); resolve({ ...r, ms: performance.now() - t0 }); } };
    const h = { 'user-agent': 'apichecks/1.0', accept: 'application/json, application/problem+json;q=0.9, */*;q=0.1', ...EXTRA_HEADERS, ...headers };
    if (body != null && h['content-length'] == null) h['content-length'] = Buffer.byteLength(body);
    let req;
    try {
      req = lib.request({ protocol: u.protocol, hostname: u.hostname.replace(/^\[|\]$/g, ''), port: u.port,
                          method, path: prefix + path, headers: h, agent: agents[u.protocol] });
    } catch (e) { return finish({ error: `client refused to send: ${e.code || e.message}`, clientError: true }); }
    timer = setTimeout(() => { req.destroy(new Error('timeout')); finish({ error: 'timeout', timedOut: true }); }, timeoutMs);
    req.on('response', res => {
      const chunks = []; let len = 0, kept = 0;
      res.on('data', c => { len += c.length; if (kept < bodyCap) { chunks.push(c); kept += c.length; } });
      res.on('end', () => finish({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).subarray(0, bodyCap), length: len }));
      res.on('error', e => finish({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), length: len, truncated: e.message }));
    });
    req.on('error', e => finish({ error: e.code || e.message }));
    if (body != null) req.end(body); else req.end();
  });
}

/** Fetch and parse the OpenAPI document. Returns {doc, docPath} or throws. */
export async function loadDoc(base, docPath) {
  const tried = [];
  for (const p of docPath ? [docPath] : DOC_CANDIDATES) {
    const r = await send(base, { path: p, timeoutMs: 15000, bodyCap: 64 << 20 });
    tried.push(`${p} -> ${r.status ?? r.error}`);
    if (r.status !== 200) continue;
    try {
      const doc = JSON.parse(r.body.toString('utf8'));
      if (doc.openapi || doc.swagger) return { doc, docPath: p };
    } catch { /* not JSON */ }
  }
  throw new Error(`no OpenAPI JSON document found (${tried.join(', ')})`);
}

/** Resolve a local "#/..." $ref (chains too). Remote refs are returned unresolved. */
export function deref(doc, obj, depth = 0) {
  while (obj && typeof obj === 'object' && typeof obj.$ref === 'string' && obj.$ref.startsWith('#/') && depth++ < 50) {
    const target = obj.$ref.slice(2).split('/').reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    if (!target) break;
    // OpenAPI 3.1 allows siblings next to $ref (description etc.); keep them.
    const { $ref, ...rest } = obj;
    obj = Object.keys(rest).length ? { ...target, ...rest } : target;
  }
  return obj;
}

/** Flatten a schema: deref, merge allOf, take the first branch of oneOf/anyOf. */
export function flat(doc, schema, depth = 0) {
  let s = deref(doc, schema) || {};
  if (depth > 8) return s;
  if (Array.isArray(s.allOf)) {
    const merged = { ...s, properties: { ...(s.properties || {}) }, required: [...(s.required || [])] };
    delete merged.allOf;
    for (const part of s.allOf) {
      const p = flat(doc, part, depth + 1);
      Object.assign(merged.properties, p.properties || {});
      merged.required.push(...(p.required || []));
      for (const k of ['type', 'format', 'enum', 'items', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern'])
        if (p[k] !== undefined && merged[k] === undefined) merged[k] = p[k];
    }
    s = merged;
  }
  for (const k of ['oneOf', 'anyOf']) {
    if (Array.isArray(s[k]) && s[k].length) {
      const branches = s[k].map(b => flat(doc, b, depth + 1));
      const pick = branches.find(b => typeOf(b) !== 'null') || branches[0];
      const { [k]: _, ...rest } = s;
      s = { ...rest, ...pick };
    }
  }
  return s;
}

/** Primary JSON type of a (flattened) schema; ASP.NET's ["integer","string"] counts as integer. */
export function typeOf(s) {
  if (!s) return 'any';
  let t = s.type;
  if (Array.isArray(t)) {
    const nn = t.filter(x => x !== 'null');
    t = nn.find(x => x !== 'string') || nn[0] || 'null';
  }
  if (!t) {
    if (s.properties) return 'object';
    if (s.items) return 'array';
    if (Array.isArray(s.enum)) return typeof s.enum.find(v => v !== null) === 'number' ? 'integer' : 'string';
    return 'any';
  }
  return t;
}

export const allowsNull = s => s?.nullable === true || (Array.isArray(s?.type) && s.type.includes('null'));

const FORMAT_SAMPLES = {
  date: '2024-01-15', 'date-time': '2024-01-15T10:30:00Z', time: '10:30:00', uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  email: 'user@example.com', uri: 'http://127.0.0.1/sample', hostname: 'localhost', ipv4: '127.0.0.1', ipv6: '::1',
  byte: 'c2FtcGxl', duration: '00:01:00', 'date-span': '00:01:00',
};

/** Build a value that should satisfy the schema (best effort, deterministic). */
export function sample(doc, schema, depth = 0) {
  const s = flat(doc, schema);
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (s.default !== undefined && s.default !== null) return s.default;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum.find(v => v !== null) ?? s.enum[0];
  const t = typeOf(s);
  switch (t) {
    case 'integer': case 'number': {
      let v = t === 'integer' ? 1 : 1.5;
      if (typeof s.minimum === 'number' && v < s.minimum) v = s.minimum;
      if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) v = s.exclusiveMinimum + 1;
      if (typeof s.maximum === 'number' && v > s.maximum) v = s.maximum;
      return v;
    }
    case 'boolean': return true;
    case 'string': {
      if (FORMAT_SAMPLES[s.format]) return FORMAT_SAMPLES[s.format];
      let v = 'sample';
      if (s.minLength && v.length < s.minLength) v = v.padEnd(s.minLength, 'x');
      if (s.maxLength && v.length > s.maxLength) v = v.slice(0, s.maxLength);
      return v;
    }
    case 'array': {
      if (depth > 5) return [];
      const n = Math.max(1, s.minItems || 0);
      return Array.from({ length: Math.min(n, 3) }, () => sample(doc, s.items || {}, depth + 1));
    }
    case 'object': {
      if (depth > 5) return {};
      const o = {};
      for (const [k, ps] of Object.entries(s.properties || {})) {
        const pf = flat(doc, ps);
        if (pf.readOnly) continue;
        o[k] = sample(doc, ps, depth + 1);
      }
      return o;
    }
    case 'null': return null;
    default: return 'sample';
  }
}

/** All operations: {method, path, op, id, params[], body|null, responses[]} */
export function operations(doc) {
  const out = [];
  for (const [path, rawItem] of Object.entries(doc.paths || {})) {
    const item = deref(doc, rawItem);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const byKey = new Map();
      for (const p of [...(item.parameters || []), ...(op.parameters || [])]) {
        const pp = deref(doc, p);
        byKey.set(`${pp.in}:${pp.name}`, { ...pp, schema: flat(doc, pp.schema || pp.content?.['application/json']?.schema || {}) });
      }
      let body = null;
      if (op.requestBody) {
        const rb = deref(doc, op.requestBody);
        const types = Object.keys(rb.content || {});
        const ct = types.find(t => /^application\/json/i.test(t)) || types.find(t => /\+json/i.test(t)) || types[0];
        if (ct) body = { contentType: ct, schema: rb.content[ct].schema || {}, required: !!rb.required, json: /json/i.test(ct) };
      }
      out.push({ method: method.toUpperCase(), path, op, id: op.operationId || `${method.toUpperCase()} ${path}`,
                 params: [...byKey.values()], body, responses: Object.keys(op.responses || {}) });
    }
  }
  return out;
}

/** RFC 3986 encoding for a path segment/query value (encodeURIComponent + the leftovers). */
export function enc(v) {
  return encodeURIComponent(String(v)).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Serialise a parameter value the way ASP.NET Core binds it (arrays as repeated keys). */
export function queryPairs(name, value) {
  if (Array.isArray(value)) return value.map(v => `${enc(name)}=${enc(v)}`);
  if (value !== null && typeof value === 'object') return [`${enc(name)}=${enc(JSON.stringify(value))}`];
  return [`${enc(name)}=${enc(value)}`];
}

/** Fill a path template: values maps name -> already-encoded string. */
export function fillPath(template, values) {
  return template.replace(/\{([^}]+)\}/g, (_, n) => values[n] ?? '1');
}

/** Looks like RFC 9457/7807 ProblemDetails? */
export function isProblemDetails(contentType, bodyText) {
  if (!/json/i.test(contentType || '')) return false;
  try {
    const j = JSON.parse(bodyText);
    return j !== null && typeof j === 'object' && !Array.isArray(j) &&
           ['type', 'title', 'status', 'detail'].some(k => k in j);
  } catch { return false; }
}
