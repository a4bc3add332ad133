// Replay requests through a Prism validating proxy and collect its verdicts.
// usage: node contract-replay.mjs --proxy http://127.0.0.1:PORT --doc openapi.json
//                                 [--requests FILE] [--out DIR] [--timeout-ms MS] [--no-generated] [--destructive]
// Prism (proxy mode) forwards each request to the real API and adds an `sl-violations`
// response header listing every request/response mismatch with the document.
//
// Generated requests, per operation (POSTs first so created ids feed GET/PUT/DELETE):
//   valid      all parameters + body sampled from the schemas   (expect: no violation)
//   minimal    required parameters only                         (expect: no violation)
//   edge-quote a lone '"' in each free-text string query parameter (valid input; the answer
//              must still be documented)
//   not-found  path ids that should not exist (2147483000, zero-uuid, ...)
//              -> the 404 (or whatever comes back) must be documented
//   invalid    {} body / wrong-typed query / non-numeric id     (expect: request violation,
//              and the 400 it gets must be documented)
// Requests file: see lib/requests-file.mjs ([!][STATUS ]METHOD /path?query [body], indented headers,
//   @auth, {{variables}}); a leading '!' marks a request you expect to be invalid, STATUS the one it must get.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { send, operations, sample, flat, typeOf, enc, queryPairs, fillPath, EXTRA_HEADERS } from './openapi.mjs';
import { readRequests } from './requests-file.mjs';

const argv = process.argv.slice(2);
const opt = { proxy: null, doc: null, requests: null, out: null, timeoutMs: 15000, generated: true, destructive: false };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i], v = () => argv[++i];
  if (a === '--proxy') opt.proxy = v().replace(/\/$/, '');
  else if (a === '--doc') opt.doc = v();
  else if (a === '--requests') opt.requests = v();
  else if (a === '--out') opt.out = v();
  else if (a === '--timeout-ms') opt.timeoutMs = +v();
  else if (a === '--no-generated') opt.generated = false;
  else if (a === '--destructive') opt.destructive = true;
  else { console.error(`unknown argument ${a}`); process.exit(2); }
}
if (!opt.proxy || !opt.doc) { console.error('usage: contract-replay.mjs --proxy URL --doc FILE [--requests FILE]'); process.exit(2); }
const doc = JSON.parse(readFileSync(opt.doc, 'utf8'));

// ---------------------------------------------------------------- build the request list
const notFoundValue = s => {
  const t = typeOf(s);
  if (t === 'integer' || t === 'number') return '2147483000';
  if (s.format === 'uuid') return '00000000-0000-0000-0000-000000000000';
  return 'does-not-exist-0';
};
const wrongValue = s => {
  const t = typeOf(s);
  if (t === 'integer' || t === 'number' || t === 'boolean') return 'not-a-number';
  if (s.format === 'date' || s.format === 'date-time') return 'not-a-date';
  if (Array.isArray(s.enum)) return 'NoSuchEnumValue';
  if (typeof s.maxLength === 'number') return 'x'.repeat(s.maxLength + 1);
  return null;
};

// Which headers carry credentials, from the document's security schemes.
const credentialHeaders = Object.values(doc.components?.securitySchemes || {}).map(s =>
  s.type === 'apiKey' && s.in === 'header' ? s.name.toLowerCase() : s.type === 'http' || s.type === 'oauth2' || s.type === 'openIdConnect' ? 'authorization' : null)
  .filter(Boolean);
const sendsCredentials = credentialHeaders.some(h => h in EXTRA_HEADERS);
const needsCredentials = o => {
  const security = o.op.security ?? doc.security ?? [];
  return security.length > 0 && !security.some(s => Object.keys(s).length === 0);
};

const order = { POST: 0, PUT: 1, PATCH: 2, GET: 3, HEAD: 4, OPTIONS: 5, DELETE: 9 };
const plan = [];   // {label, op, method, pathTemplate, build(ids) -> {path, headers, body}, expect}
if (opt.generated) {
  for (const o of operations(doc).sort((a, b) => (order[a.method] ?? 5) - (order[b.method] ?? 5))) {
    const pathParams = o.params.filter(p => p.in === 'path');
    const query = o.params.filter(p => p.in === 'query');
    const headerParams = o.params.filter(p => p.in === 'header' && p.required);
    const bodyVal = o.body ? sample(doc, o.body.schema) : undefined;
    const bodyText = o.body ? (o.body.json ? JSON.stringify(bodyVal) : String(bodyVal)) : null;
    const headers = Object.fromEntries(headerParams.map(p => [p.name, String(sample(doc, p.schema))]));
    if (o.body) headers['content-type'] = o.body.contentType;
    const collection = o.path.replace(/\/\{[^}]+\}$/, '');
    const pathWith = (ids, override = {}) => fillPath(o.path, Object.fromEntries(pathParams.map(p =>
      [p.name, override[p.name] ?? enc(ids.get(collection) ?? sample(doc, p.schema))])));
    const qs = (all, extra = []) => {
      const pairs = query.filter(p => all || p.required).flatMap(p => queryPairs(p.name, sample(doc, p.schema)));
      const parts = [...pairs.filter(x => !extra.some(e => x.startsWith(e.split('=')[0] + '='))), ...extra];
      return parts.length ? '?' + parts.join('&') : '';
    };
    // A request without credentials to an operation that needs them breaks the document ("invalid
    // security scheme"): run without a key, such probes are expected to be invalid, and their 401
    // must still be documented.
    const expectFor = expect => needsCredentials(o) && !sendsCredentials ? 'invalid' : expect;
    const add = (label, expect, build) => plan.push({ label, op: `${o.method} ${o.path}`, method: o.method, collection, expect: expectFor(expect), build });

    // a valid DELETE only targets an id this replay created itself (unless --destructive)
    add('valid', 'valid', ids => (o.method === 'DELETE' && pathParams.length && !ids.has(collection) && !opt.destructive)
      ? null : ({ path: pathWith(ids) + qs(true), headers, body: bodyText }));
    if (query.some(p => !p.required)) add('minimal', 'valid', ids => ({ path: pathWith(ids) + qs(false), headers, body: bodyText }));
    if (pathParams.length)
      add('not-found', 'valid', ids => ({ path: pathWith(ids, Object.fromEntries(pathParams.map(p => [p.name, enc(notFoundValue(p.schema))]))) + qs(false), headers, body: bodyText }));
    if (o.body?.json) {
      const s = flat(doc, o.body.schema);
      if ((s.required || []).length) add('invalid-body-empty-object', 'invalid', ids => ({ path: pathWith(ids) + qs(false), headers, body: '{}' }));
      // No malformed-JSON probe here: Prism 5.16.0's proxy never answers a request whose JSON body
      // does not parse (the connection just hangs). fuzz.mjs sends those straight to the API.
    }
    // a lone double quote is a perfectly valid string, and breaks naive search/SQL code paths
    for (const p of query.filter(p => typeOf(p.schema) === 'string' && !p.schema.format && !p.schema.enum && !p.schema.pattern))
      add(`edge-quote-${p.name}`, 'valid', ids => ({ path: pathWith(ids) + qs(false, [`${enc(p.name)}=${enc('"')}`]), headers, body: bodyText }));
    const typed = query.find(p => wrongValue(p.schema) !== null);
    if (typed) add(`invalid-query-${typed.name}`, 'invalid', ids => ({ path: pathWith(ids) + qs(false, [`${enc(typed.name)}=${enc(wrongValue(typed.schema))}`]), headers, body: bodyText }));
    const typedPath = pathParams.find(p => ['integer', 'number'].includes(typeOf(p.schema)) || p.schema.format === 'uuid');
    if (typedPath) add(`invalid-path-${typedPath.name}`, 'invalid', ids => ({ path: pathWith(ids, { [typedPath.name]: 'not-an-id' }) + qs(false), headers, body: bodyText }));
  }
}
if (opt.requests) plan.push(...readRequests(opt.requests));
if (!plan.length) { console.log('contract: ERROR nothing to replay'); process.exit(2); }

// ---------------------------------------------------------------- replay
const ids = new Map();
const results = [];
let statusMismatch = 0, respViol = 0, badReqViol = 0, expectedReqViol = 0, unconstrained = 0, prismErrors = 0, transport = 0;
for (const p of plan) {
  const built = p.build(ids);
  if (!built) { console.log(`SKIP  ${p.label.padEnd(28)} ${p.op} (no id created by this run; --destructive to force)`); continue; }
  const { path, headers, body } = built;
  const r = await send(opt.proxy, { method: p.method, path, headers, body, timeoutMs: opt.timeoutMs });
  if (r.headers?.etag) process.env.CONTRACT_VAR_ETAG = r.headers.etag;   // {{etag}} in a requests file: the last ETag seen
  if (r.headers?.location) process.env.CONTRACT_VAR_LOCATION = r.headers.location;   // {{location}}: the last Location seen (a record with a random id)
  const rec = { label: p.label, op: p.op, request: `${p.method} ${path}`, expect: p.expect, status: r.status ?? null, error: r.error ?? null, violations: [] };
  if (r.error) { transport++; rec.verdict = 'TRANSPORT'; results.push(rec); console.log(`ERR   ${rec.request} -> ${r.error}`); continue; }
  try { rec.violations = JSON.parse(r.headers['sl-violations'] || '[]'); } catch { rec.violations = [{ location: ['?'], message: r.headers['sl-violations'] }]; }
  const text = r.body.toString('utf8');
  let bodyJson = null; try { bodyJson = JSON.parse(text); } catch { /* not json */ }
  if (bodyJson && typeof bodyJson.type === 'string' && bodyJson.type.includes('stoplight.io/prism/errors')) {
    prismErrors++; rec.verdict = 'PRISM-ERROR'; rec.prism = bodyJson;
  }
  if (p.method === 'POST' && r.status >= 200 && r.status < 300 && bodyJson && typeof bodyJson === 'object') {
    const id = bodyJson.id ?? Object.entries(bodyJson).find(([k]) => /id$/i.test(k))?.[1];
    if (id !== undefined && (typeof id === 'number' || typeof id === 'string')) ids.set(p.collection, id);
  }
  if (p.expectStatus && r.status !== p.expectStatus) { statusMismatch++; rec.verdict = 'STATUS'; rec.expectStatus = p.expectStatus; }
  const reqV = rec.violations.filter(v => v.location?.[0] === 'request');
  const resV = rec.violations.filter(v => v.location?.[0] !== 'request');
  respViol += resV.length;
  if (p.expect === 'valid') badReqViol += reqV.length; else if (reqV.length) expectedReqViol += reqV.length; else unconstrained++;
  rec.verdict ??= resV.length || (p.expect === 'valid' && reqV.length) ? 'VIOLATION' : 'OK';
  results.push(rec);
  const tag = rec.verdict === 'OK' ? 'OK  ' : rec.verdict === 'PRISM-ERROR' ? 'PRSM' : 'FAIL';
  console.log(`${tag}  ${p.label.padEnd(28)} ${rec.request.length > 110 ? rec.request.slice(0, 110) + '…' : rec.request} -> ${r.status}` +
    (rec.verdict === 'STATUS' ? ` (expected ${p.expectStatus}: ${text.slice(0, 200).replace(/\s+/g, ' ')})` : ''));
  for (const v of rec.violations) {
    const where = (v.location || []).join('.');
    const kind = v.location?.[0] === 'request' ? (p.expect === 'invalid' ? 'expected' : 'UNEXPECTED') : 'RESPONSE';
    console.log(`        ${kind.padEnd(10)} ${String(v.severity || '').padEnd(7)} ${where}: ${v.message}`);
  }
  if (p.expect === 'invalid' && !reqV.length) console.log(`        note       the document does not constrain this input (Prism saw no request violation)`);
}
if (opt.out) { mkdirSync(opt.out, { recursive: true }); writeFileSync(`${opt.out}/replay.json`, JSON.stringify(results, null, 2)); }
const failing = statusMismatch + respViol + badReqViol + prismErrors + transport;
console.log(`contract: ${results.length} requests via Prism: ${statusMismatch ? `${statusMismatch} unexpected statuses, ` : ''}${respViol} response violations, ${badReqViol} request violations on valid requests, ` +
  `${prismErrors} prism errors, ${transport} transport errors (expected request violations on negative probes: ${expectedReqViol}; ` +
  `unconstrained negatives: ${unconstrained}) -> ${failing ? 'FAIL' : 'PASS'}`);
process.exit(failing ? 1 : 0);
