#!/usr/bin/env node
// fuzz.mjs BASE_URL [options] — schema-driven negative testing of every operation in the
// OpenAPI document the API serves. Zero npm dependencies (node >= 18).
//
// For every operation it sends a bounded, deterministic set of bad inputs: malformed JSON,
// wrong content types, wrong types, missing required fields, 1 MB strings, deeply nested
// JSON, unicode edge cases (RTL, zero-width, NUL, lone surrogates, invalid UTF-8), SQL and
// SQLite FTS5 query syntax, negative/huge numbers, bad dates, path traversal ids.
// It reports every 5xx, every response slower than --slow-ms, every timeout / dropped
// connection, and every 4xx/5xx whose body is not JSON ProblemDetails (RFC 9457).
// Advisory (never failing): empty 400/413/414/431 with "Connection: close" (Kestrel rejected the
// request before the app ran: NUL in path, URL > 8 KB, ...); and, unless --strict, 2xx answers
// to schema-invalid input ("accepted-invalid").
//
// Options:  --doc PATH          OpenAPI path (default: /openapi/v1.json, /swagger/v1/swagger.json, /openapi.json)
//           --max-per-op N      cap on requests per operation        (default 400)
//           --budget-s S        stop sending after S seconds overall  (default 600)
//           --timeout-ms MS     per-request timeout                  (default 10000)
//           --slow-ms MS        "slow" threshold                      (default 2000)
//           --only REGEX        only operations whose "METHOD /path" matches
//           --skip-methods L    e.g. DELETE,PUT (default none)
//           --destructive       also send the valid baseline request for DELETE operations
//           --strict            accepted-invalid findings also fail the run
//           --out DIR           report directory (default $CHECKS_OUT/fuzz or /tmp/claimsapi-contract-tools/out/fuzz)
//           --print N           print at most N finding lines (default 300; all are in report.json)
//           --header 'K: V'     extra header on every request (repeatable), e.g. Authorization
// Exit: 0 nothing found, 1 findings, 2 setup error. Last line printed: one-line figure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { send, loadDoc, operations, flat, typeOf, allowsNull, sample, enc, queryPairs,
         fillPath, isProblemDetails } from './lib/openapi.mjs';

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const opt = { maxPerOp: 400, budgetS: 600, timeoutMs: 10000, slowMs: 2000, print: 300,
              skip: [], only: null, destructive: false, strict: false, doc: null, headers: {},
              out: `${process.env.CHECKS_OUT || `${process.env.CHECKS_TOOLS || '/tmp/claimsapi-contract-tools'}/out`}/fuzz` };
let base = null;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i], v = () => argv[++i];
  if (a === '--doc') opt.doc = v();
  else if (a === '--max-per-op') opt.maxPerOp = +v();
  else if (a === '--budget-s') opt.budgetS = +v();
  else if (a === '--timeout-ms') opt.timeoutMs = +v();
  else if (a === '--slow-ms') opt.slowMs = +v();
  else if (a === '--only') opt.only = new RegExp(v());
  else if (a === '--skip-methods') opt.skip = v().toUpperCase().split(',');
  else if (a === '--destructive') opt.destructive = true;
  else if (a === '--strict') opt.strict = true;
  else if (a === '--out') opt.out = v();
  else if (a === '--print') opt.print = +v();
  else if (a === '--header') { const h = v(), i = h.indexOf(':'); opt.headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim(); }
  else if (!a.startsWith('-') && !base) base = a.replace(/\/$/, '');
  else { console.error(`unknown argument ${a}`); process.exit(2); }
}
if (!base) { console.error('usage: node fuzz.mjs http://127.0.0.1:PORT [--max-per-op N] [--budget-s S] ...'); process.exit(2); }
if (!/^https?:\/\/(127\.|localhost|\[::1\])/.test(base) && process.env.CHECKS_ALLOW_REMOTE !== '1') {
  console.log(`fuzz: ERROR refusing non-loopback base URL ${base} (set CHECKS_ALLOW_REMOTE=1)`); process.exit(2);
}
if (opt.doc === null && process.env.OPENAPI_PATH) opt.doc = process.env.OPENAPI_PATH;

// ---------------------------------------------------------------- value catalogues
const MB = 1 << 20;
const v = (label, value, extra = {}) => ({ label, value, ...extra });
// strings that are schema-valid for a plain string but hostile to whatever parses them next
const INJECTION = [
  v('sql-quote', "'"), v('sql-dquote', '"'), v('sql-or', "') OR 1=1 --"), v('sql-or2', "' OR '1'='1"),
  v('sql-stacked', '1; DROP TABLE items; --'), v('sql-union', "' UNION SELECT NULL--"), v('sql-comment', '/*'),
  v('fts5-dquote-unbalanced', '"unterminated'), v('fts5-star', '*'), v('fts5-prefix-star', 'a*'),
  v('fts5-near-open', 'NEAR('), v('fts5-near', 'NEAR(a b, 2)'), v('fts5-or', 'OR'), v('fts5-and', 'AND'),
  v('fts5-not', 'NOT'), v('fts5-trailing-or', 'a OR'), v('fts5-column', 'nosuchcol:term'), v('fts5-caret', '^x'),
  v('fts5-paren', '('), v('fts5-close-paren', ')'), v('fts5-braces', '{a b}:c'), v('fts5-minus', '-'),
  v('fts5-plus', '+'), v('like-percent', '%'), v('like-underscore', '_'), v('backslash', '\\'),
  v('shell', '$(id)'), v('template', '{{7*7}}${7*7}'), v('html', '<script>alert(1)</script>'),
  v('traversal', '../../../etc/passwd'), v('format-string', '%s%s%s%n'), v('json-ish', '{"a":1}'),
  v('null-word', 'null'),
];
const UNICODE = [
  v('rtl-override', '\u202Egnp.exe'), v('zero-width-space', 'a\u200Bb'), v('zwj', '\u200D'), v('bom', '\uFEFFx'),
  v('nul-char', 'a\u0000b'), v('lone-high-surrogate', 'a\uD800b'), v('lone-low-surrogate', '\uDC00'),
  v('emoji', '😀👍🏽'), v('combining', 'e\u0301\u0301\u0301'), v('line-separator', 'a\u2028b\u2029'),
  v('fullwidth-sql', '＇ ＯＲ １＝１'), v('turkish-i', 'İıi̇'), v('ansi-escape', '\u001b[31mred'),
  v('crlf', 'a\r\nX-Injected: 1'), v('arabic', 'مرحبا بالعالم'), v('zalgo', 'Z̴̡̛̮̞a̷l̸g̶o̵'),
];
const EMPTYISH = [v('empty', ''), v('space', ' '), v('whitespace', '\t\n ')];
const REDOS = [v('redos-64', 'a'.repeat(64) + '!'), v('redos-10k', 'a'.repeat(10000) + '!'), v('spaces-10k', ' '.repeat(10000) + 'x')];
const HUGE = [v('huge-1MB', 'A'.repeat(MB), { huge: true })];
const STRINGS = [...INJECTION, ...UNICODE, ...EMPTYISH, ...REDOS, ...HUGE];

// numbers, as raw JSON text (some are not representable in JS)
const NUMBERS = ['-1', '0', '-0', '0.5', '1.0', '-2147483649', '2147483648', '9223372036854775808',
  '-9223372036854775809', '123456789012345678901234567890', '1e308', '1e309', '-1e309', '1e-400',
  '1.7976931348623157e308'].map(n => v(`num${n}`, n, { raw: true }));
// numbers as they appear in a query string / path segment
const QNUMBERS = ['-1', '0', '-0', '0.5', '2147483648', '-2147483649', '9223372036854775808',
  '123456789012345678901234567890', '1e308', 'NaN', 'Infinity', '0x10', '1_000', ' 1', '+1', '١٢', 'abc', '']
  .map(n => v(`num:${n || 'empty'}`, n));
const DATES = ['2024-13-45', '2024-02-30', '0000-00-00', '0001-01-01', '9999-12-31', '9999-12-31T23:59:60Z',
  'not-a-date', '-0001-01-01', '1970-01-01T00:00:00+25:00', '24-1-1', '２０２４-01-01',
  '2024-01-01T00:00:00.00000000000000001Z', '2024-01-01T25:61:61', '1e10'].map(d => v(`date:${d}`, d));
const BOOLS = ['yes', '2', 'TRUE1', ''].map(b => v(`bool:${b || 'empty'}`, b));
// path segments, already percent-encoded / deliberately raw
const PATH_IDS = [
  ['traversal-raw', '../../../../etc/passwd'], ['traversal-enc', '..%2F..%2F..%2Fetc%2Fpasswd'],
  ['traversal-dot-enc', '%2e%2e%2f%2e%2e%2fetc%2fpasswd'], ['traversal-double-enc', '%252e%252e%252fetc%252fpasswd'],
  ['traversal-backslash', '..%5C..%5Cwindows%5Cwin.ini'], ['dot', '.'], ['dotdot', '..'], ['nul', '%00'],
  ['nul-suffix', '1%00.json'], ['negative', '-1'], ['zero', '0'], ['int32-overflow', '2147483648'],
  ['huge-number', '99999999999999999999999999'], ['fraction', '1.5'], ['word', 'abc'],
  ['lone-surrogate-wtf8', '%ED%A0%80'], ['invalid-utf8', '%FF%FE'], ['overlong-slash', '%C0%AF'],
  ['space', '%20'], ['quote', '%27'], ['dquote', '%22'], ['star', '*'], ['sql', '1%27%20OR%20%271%27%3D%271'],
  ['html', '%3Cscript%3E'], ['windows-device', 'CON'], ['slash-enc', '1%2F2'], ['long-4k', 'A'.repeat(4000)],
  ['long-20k', 'A'.repeat(20000)], ['emoji', enc('😀')], ['rtl', enc('\u202E1')],
].map(([l, raw]) => v(l, raw, { raw: true, routing: /^(traversal|dot|slash)/.test(l) }));

// query/path string forms of the string catalogue (lone surrogates and invalid UTF-8 sent as raw bytes)
function qString(x) {
  if (x.raw) return x.value;
  try { return enc(x.value); }
  catch { return x.value.split('').map(c => { const cc = c.charCodeAt(0); return cc >= 0xD800 && cc <= 0xDFFF ? '%ED%' + (0xA0 + ((cc - 0xD800) >> 6)).toString(16).toUpperCase() + '%' + (0x80 + (cc & 0x3F)).toString(16).toUpperCase() : enc(c); }).join(''); }
}

// ---------------------------------------------------------------- tiny validator (primitives only)
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/, DT_RE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
function validDate(s) { const d = new Date(s.slice(0, 10) + 'T00:00:00Z'); return !isNaN(d) && d.toISOString().slice(0, 10) === s.slice(0, 10); }
/** true when a (string) value clearly violates the param schema; undefined when unsure */
function violatesText(schema, text) {
  const t = typeOf(schema);
  if (Array.isArray(schema.enum) && schema.enum.length) return !schema.enum.map(String).some(e => e.toLowerCase() === text.toLowerCase());
  if (t === 'integer') {
    if (!/^-?\d+$/.test(text)) return true;
    const n = BigInt(text), lim = schema.format === 'int64' ? 2n ** 63n : 2n ** 31n;
    if (n >= lim || n < -lim) return true;
    if (typeof schema.minimum === 'number' && n < BigInt(Math.ceil(schema.minimum))) return true;
    if (typeof schema.maximum === 'number' && n > BigInt(Math.floor(schema.maximum))) return true;
    return false;
  }
  if (t === 'number') return !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) || !isFinite(+text);
  if (t === 'boolean') return !/^(true|false)$/i.test(text);
  if (t === 'string') {
    if (schema.format === 'date') return !(DATE_RE.test(text) && validDate(text));
    if (schema.format === 'date-time') return !(DT_RE.test(text) && validDate(text));
    if (schema.format === 'uuid') return !UUID_RE.test(text);
    if (typeof schema.maxLength === 'number' && [...text].length > schema.maxLength) return true;
    if (typeof schema.minLength === 'number' && [...text].length < schema.minLength) return true;
    if (schema.pattern) { try { return !new RegExp(schema.pattern, 'u').test(text); } catch { return undefined; } }
    return false;
  }
  return undefined;
}

// ---------------------------------------------------------------- body building
const PH = '\u0001PLACEHOLDER\u0001';
/** JSON body (Buffer) with obj[key] replaced by raw JSON text/bytes. key=null: whole body. */
function bodyWith(obj, key, repl) {
  if (key === null) return Buffer.isBuffer(repl) ? repl : Buffer.from(repl, 'utf8');
  const copy = { ...obj, [key]: PH };
  const [a, b] = JSON.stringify(copy).split(JSON.stringify(PH));
  return Buffer.concat([Buffer.from(a), Buffer.isBuffer(repl) ? repl : Buffer.from(repl, 'utf8'), Buffer.from(b)]);
}
const json = x => JSON.stringify(x);
const invalidUtf8String = Buffer.concat([Buffer.from('"a'), Buffer.from([0xED, 0xA0, 0x80, 0xFF, 0xC0, 0xAF]), Buffer.from('b"')]);

// ---------------------------------------------------------------- case generation
function casesFor(doc, o) {
  const cases = [];
  const pathVals = {}, baseQuery = [], baseHeaders = {};
  for (const p of o.params) {
    const sv = sample(doc, p.schema);
    if (p.in === 'path') pathVals[p.name] = enc(sv);
    else if (p.in === 'query' && p.required) baseQuery.push(...queryPairs(p.name, sv));
    else if (p.in === 'header' && p.required) baseHeaders[p.name] = String(sv);
  }
  const bodyObj = o.body ? sample(doc, o.body.schema) : undefined;
  const baseBody = o.body ? (o.body.json ? Buffer.from(json(bodyObj)) : Buffer.from(String(bodyObj))) : null;
  const ctHeader = o.body ? { 'content-type': o.body.contentType } : {};
  const mk = (label, { path = pathVals, query = baseQuery, headers = {}, body = baseBody, ct = ctHeader, invalid = false, huge = false } = {}) => {
    const qs = query.length ? '?' + query.join('&') : '';
    cases.push({ label, method: o.method, path: fillPath(o.path, path) + qs, headers: { ...opt.headers, ...baseHeaders, ...ct, ...headers },
                 body, invalid, huge });
  };

  if (o.method !== 'DELETE' || opt.destructive) mk('baseline');

  // ---- path parameters
  for (const p of o.params.filter(p => p.in === 'path')) {
    for (const x of PATH_IDS) mk(`path.${p.name}=${x.label}`, { path: { ...pathVals, [p.name]: x.value },
      invalid: !x.routing && violatesText(p.schema, decodeSafe(x.value)) === true });
    for (const x of [...INJECTION, ...UNICODE].slice(0, 40)) {
      const s = qString(x);
      mk(`path.${p.name}=${x.label}`, { path: { ...pathVals, [p.name]: s }, invalid: violatesText(p.schema, x.value) === true });
    }
  }
  // ---- query parameters
  for (const p of o.params.filter(p => p.in === 'query')) {
    const t = typeOf(p.schema);
    const rest = baseQuery.filter(q => !q.startsWith(enc(p.name) + '='));
    const list = [...STRINGS];
    if (t === 'integer' || t === 'number') list.push(...QNUMBERS);
    if (t === 'boolean') list.push(...BOOLS);
    if (p.schema.format === 'date' || p.schema.format === 'date-time') list.push(...DATES);
    if (Array.isArray(p.schema.enum)) list.push(v('enum-unknown', 'NoSuchValue'), v('enum-index', '999'), v('enum-lower', String(p.schema.enum[0]).toLowerCase()));
    for (const x of list)
      mk(`query.${p.name}=${x.label}`, { query: [...rest, `${enc(p.name)}=${qString(x)}`], huge: !!x.huge,
        invalid: violatesText(p.schema, x.value) === true });
    mk(`query.${p.name}=repeated`, { query: [...rest, `${enc(p.name)}=1`, `${enc(p.name)}=2`] });
    mk(`query.${p.name}=raw-lone-surrogate`, { query: [...rest, `${enc(p.name)}=%ED%A0%80`] });
    mk(`query.${p.name}=raw-invalid-utf8`, { query: [...rest, `${enc(p.name)}=%FF%FE%C0%AF`] });
    mk(`query.${p.name}=raw-bad-percent`, { query: [...rest, `${enc(p.name)}=%E0%A4%A`] });
  }
  // ---- header parameters (ASCII-safe values only: HTTP forbids the rest)
  for (const p of o.params.filter(p => p.in === 'header')) {
    for (const x of [...INJECTION, ...QNUMBERS, v('long-16k', 'A'.repeat(16000))])
      if (/^[\t\x20-\x7e]*$/.test(x.value)) mk(`header.${p.name}=${x.label}`, { headers: { [p.name]: x.value } });
  }
  // ---- request body
  if (o.body) {
    if (!o.body.json) {
      for (const [l, b] of [['garbage', '%%%\u0000'], ['empty', ''], ['huge-1MB', 'A'.repeat(MB)]])
        mk(`body=${l}`, { body: Buffer.from(b), invalid: true, huge: l.startsWith('huge') });
    } else {
      const malformed = [
        ['truncated', '{'], ['trailing-comma', '{"a":1,}'], ['single-quotes', "{'a':1}"], ['nan', 'NaN'],
        ['empty', ''], ['null', 'null'], ['array', '[]'], ['string', '"x"'], ['number', '123'],
        ['bom', '\uFEFF' + json(bodyObj)], ['trailing-data', json(bodyObj) + '{"x":1}'], ['comment', '/*c*/' + json(bodyObj)],
        ['deep-array-10k', '['.repeat(10000) + ']'.repeat(10000)],
        ['deep-object-5k', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)],
        ['whitespace-1MB', ' '.repeat(MB) + json(bodyObj)], ['invalid-utf8', invalidUtf8String],
        ['utf16le', Buffer.from(json(bodyObj), 'utf16le')],
      ];
      for (const [l, b] of malformed) mk(`body=${l}`, { body: Buffer.isBuffer(b) ? b : Buffer.from(b), invalid: l !== 'bom' && l !== 'whitespace-1MB', huge: l === 'whitespace-1MB' });
      for (const [l, ct] of [['text/plain', 'text/plain'], ['xml', 'application/xml'], ['form', 'application/x-www-form-urlencoded'],
                             ['none', null], ['json-utf16', 'application/json; charset=utf-16'], ['garbage', 'x/y;;;=']])
        mk(`content-type=${l}`, { ct: ct ? { 'content-type': ct } : {}, invalid: true });

      const s = flat(doc, o.body.schema);
      if (typeOf(s) === 'object' && bodyObj && typeof bodyObj === 'object') {
        const required = s.required || [];
        if (required.length) mk('body.missing-all-required', { body: Buffer.from(json(Object.fromEntries(Object.entries(bodyObj).filter(([k]) => !required.includes(k))))), invalid: true });
        for (const k of required) { const { [k]: _, ...rest } = bodyObj; mk(`body.missing.${k}`, { body: Buffer.from(json(rest)), invalid: true }); }
        mk('body.extra-properties', { body: Buffer.from(json({ ...bodyObj, id: 999999, isAdmin: true, __proto__x: 1 })) });
        mk('body.duplicate-keys', { body: Buffer.from(json(bodyObj).replace(/^\{/, '{"' + (Object.keys(bodyObj)[0] || 'a') + '":"dup",')) });
        for (const [k, rawProp] of Object.entries(s.properties || {})) {
          const ps = flat(doc, rawProp);
          if (ps.readOnly) continue;
          const t = typeOf(ps), nullable = allowsNull(ps), req = required.includes(k);
          const put = (label, repl, { invalid = false, huge = false } = {}) =>
            mk(`body.${k}=${label}`, { body: bodyWith(bodyObj, k, repl), invalid, huge });
          // wrong types
          const wrong = { string: ['123', 'true', '[]', '{}'], integer: ['"abc"', '"1"', 'true', '[]', '{}', '1.5'],
                          number: ['"abc"', '"1.5"', 'true', '[]', '{}'], boolean: ['"yes"', '1', '[]'],
                          array: ['"x"', '1', '{}'], object: ['"x"', '1', '[]'] }[t] || ['"x"', '1', '[]', '{}'];
          for (const w of wrong) put(`wrong-type:${w}`, w, { invalid: !(t === 'number' && /^"[\d.]+"$/.test(w)) && !(t === 'integer' && w === '"1"') });
          put('null', 'null', { invalid: !nullable && req });
          if (t === 'string' || t === 'any') {
            for (const x of STRINGS) put(x.label, json(x.value), { huge: !!x.huge, invalid: violatesText(ps, x.value) === true });
            put('raw-invalid-utf8', invalidUtf8String, { invalid: true });
            if (ps.format === 'date' || ps.format === 'date-time') for (const x of DATES) put(x.label, json(x.value), { invalid: violatesText(ps, x.value) === true });
            if (Array.isArray(ps.enum)) put('enum-unknown', '"NoSuchValue"', { invalid: true });
          }
          if (t === 'integer' || t === 'number') for (const x of NUMBERS) put(x.label, x.value, { invalid: violatesText(ps, x.value) === true });
          if (t === 'array') {
            const it = flat(doc, ps.items || {});
            put('array-10k-items', json(Array.from({ length: 10000 }, () => sample(doc, it))), { invalid: typeof ps.maxItems === 'number' });
            put('array-deep-nested', '['.repeat(5000) + ']'.repeat(5000), { invalid: true });
            if (typeOf(it) === 'string') for (const x of [...INJECTION.slice(0, 8), ...UNICODE.slice(0, 8), ...HUGE]) put(`items:${x.label}`, json([x.value]), { huge: !!x.huge });
          }
          if (t === 'object') put('deep-object-5k', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), { invalid: true });
        }
      }
    }
  }
  return cases;
}
function decodeSafe(s) { try { return decodeURIComponent(s); } catch { return s; } }

// ---------------------------------------------------------------- run
const t0 = performance.now();
let doc, docPath;
try { ({ doc, docPath } = await loadDoc(base, opt.doc)); }
catch (e) { console.log(`fuzz: ERROR ${e.message}`); process.exit(2); }

const order = { POST: 0, PUT: 1, PATCH: 2, GET: 3, HEAD: 4, OPTIONS: 5, TRACE: 6, DELETE: 9 };
const ops = operations(doc)
  .filter(o => !opt.skip.includes(o.method))
  .filter(o => !opt.only || opt.only.test(`${o.method} ${o.path}`))
  .sort((a, b) => (order[a.method] ?? 5) - (order[b.method] ?? 5));
if (!ops.length) { console.log('fuzz: ERROR no operations to fuzz'); process.exit(2); }
console.error(`[fuzz] ${base}${docPath}: ${ops.length} operations; cap ${opt.maxPerOp}/op, budget ${opt.budgetS}s, slow>${opt.slowMs}ms`);

const findings = [];
const stats = { requests: 0, skipped: 0, byStatus: {}, budgetHit: false, perOp: {} };
const add = (cat, o, c, r, detail) => findings.push({ category: cat, op: `${o.method} ${o.path}`, case: c.label,
  request: `${c.method} ${c.path.length > 160 ? c.path.slice(0, 160) + `…(${c.path.length} chars)` : c.path}`,
  status: r.status ?? null, ms: Math.round(r.ms), contentType: r.headers?.['content-type'] ?? null, detail });

async function alive() { const r = await send(base, { path: docPath, timeoutMs: 5000 }); return r.status === 200; }

outer:
for (const o of ops) {
  const cases = casesFor(doc, o);
  const planned = cases.length;
  const run = cases.slice(0, opt.maxPerOp);
  stats.perOp[`${o.method} ${o.path}`] = { planned, sent: 0 };
  // one untimed warm-up (JIT, connection pool, caches) so cold start is not reported as "slow"
  if (run[0]?.label === 'baseline') await send(base, { method: run[0].method, path: run[0].path, headers: run[0].headers, body: run[0].body, timeoutMs: opt.timeoutMs });
  for (const c of run) {
    if ((performance.now() - t0) / 1000 > opt.budgetS) { stats.budgetHit = true; break outer; }
    const r = await send(base, { method: c.method, path: c.path, headers: c.headers, body: c.body, timeoutMs: opt.timeoutMs });
    if (r.clientError) { stats.skipped++; continue; }
    stats.requests++; stats.perOp[`${o.method} ${o.path}`].sent++;
    const st = r.status ?? r.error;
    stats.byStatus[st] = (stats.byStatus[st] || 0) + 1;
    if (r.error) {
      if (r.timedOut) add('timeout', o, c, r, `no response within ${opt.timeoutMs} ms`);
      else if (!(c.huge && /EPIPE|ECONNRESET/.test(r.error))) add('conn-error', o, c, r, r.error);
      if (!(await alive())) { add('server-down', o, c, r, 'API stopped answering; aborting'); break outer; }
      continue;
    }
    if (r.ms > opt.slowMs) add('slow', o, c, r, `${Math.round(r.ms)} ms > ${opt.slowMs} ms`);
    const text = r.body.toString('utf8');
    const snippet = text.replace(/\s+/g, ' ').slice(0, 140);
    if (r.status >= 500) add('5xx', o, c, r, snippet || '(empty body)');
    const serverLevel = r.length === 0 && [400, 413, 414, 431, 505].includes(r.status) && /close/i.test(r.headers.connection || '');
    if (serverLevel) add('server-rejection', o, c, r, `empty ${r.status} with Connection: close (rejected by the HTTP server before the app ran)`);
    else if (r.status >= 400 && c.method !== 'HEAD' && !isProblemDetails(r.headers['content-type'], text)) {
      const why = r.length === 0 ? 'empty body' : /json/i.test(r.headers['content-type'] || '') ? 'JSON but not ProblemDetails' : `non-JSON body (${r.headers['content-type'] || 'no content-type'})`;
      add('bad-error-body', o, c, r, `${why}: ${snippet}`);
    }
    if (r.status >= 200 && r.status < 300 && c.invalid) add('accepted-invalid', o, c, r, 'schema-invalid input answered 2xx');
  }
  if (planned > run.length) console.error(`[fuzz] ${o.method} ${o.path}: capped at ${run.length} of ${planned} cases (--max-per-op)`);
}

// ---------------------------------------------------------------- report
const secs = ((performance.now() - t0) / 1000).toFixed(1);
const gatingCats = ['5xx', 'slow', 'timeout', 'conn-error', 'server-down', 'bad-error-body', ...(opt.strict ? ['accepted-invalid'] : [])];
const counts = {};
for (const f of findings) counts[f.category] = (counts[f.category] || 0) + 1;
mkdirSync(opt.out, { recursive: true });
writeFileSync(`${opt.out}/report.json`, JSON.stringify({ base, docPath, options: { ...opt, only: opt.only?.source }, seconds: +secs,
  stats, counts, findings }, null, 2));

const catOrder = ['server-down', '5xx', 'timeout', 'slow', 'conn-error', 'bad-error-body', 'accepted-invalid', 'server-rejection'];
findings.sort((a, b) => catOrder.indexOf(a.category) - catOrder.indexOf(b.category));
let printed = 0;
for (const f of findings) {
  if (printed++ >= opt.print) { console.log(`… ${findings.length - opt.print} more in ${opt.out}/report.json`); break; }
  console.log(`${f.category.padEnd(16)} ${String(f.status ?? '-').padEnd(4)} ${String(f.ms).padStart(6)}ms  ${f.op}  [${f.case}]  ${f.detail}`);
}
console.log('-- by operation and category:');
const grouped = {};
for (const f of findings) { const k = `${f.op}  ${f.category}`; grouped[k] = (grouped[k] || 0) + 1; }
for (const [k, n] of Object.entries(grouped)) console.log(`   ${String(n).padStart(4)}  ${k}`);
console.log(`-- statuses: ${Object.entries(stats.byStatus).map(([s, n]) => `${s}x${n}`).join(' ')}; report: ${opt.out}/report.json`);

const gating = findings.filter(f => gatingCats.includes(f.category)).length;
const fig = catOrder.filter(c => gatingCats.includes(c)).map(c => `${c}=${counts[c] || 0}`).join(' ');
const adv = catOrder.filter(c => !gatingCats.includes(c)).map(c => `${c}=${counts[c] || 0}`).join(' ');
console.log(`fuzz: ${ops.length} operations, ${stats.requests} requests in ${secs}s${stats.budgetHit ? ' (budget hit)' : ''}: ${fig}` +
            ` (advisory: ${adv}) -> ${gating ? 'FAIL' : 'PASS'}`);
process.exit(gating ? 1 : 0);
