// Does a replay cover the document? Every operation, and every status each operation documents,
// must have been answered at least once in the given replays (replay.json files written by
// contract-replay.mjs). A status may be exempted (--exempt 500: the fault response, which no
// correct request produces), for every operation or for one, each with its reason in a file:
//   STATUS [METHOD /path]   # reason
// usage: node contract-coverage.mjs --doc openapi.json [--exempt FILE] replay.json...
// Prints what is missing, then one line; exit 0 covered, 1 gaps, 2 usage.
import { readFileSync } from 'node:fs';
import { operations } from './openapi.mjs';

const argv = process.argv.slice(2);
let docFile = null, exemptFile = null;
const replays = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--doc') docFile = argv[++i];
  else if (argv[i] === '--exempt') exemptFile = argv[++i];
  else replays.push(argv[i]);
}
if (!docFile || !replays.length) { console.error('usage: contract-coverage.mjs --doc openapi.json [--exempt FILE] replay.json...'); process.exit(2); }
const exempt = (exemptFile ? readFileSync(exemptFile, 'utf8') : '').split('\n').map(l => l.replace(/#.*/, '').trim()).filter(Boolean).map(l => {
  const m = l.match(/^(\d{3})(?:\s+([A-Z]+)\s+(\S+))?$/);
  if (!m) { console.error(`${exemptFile}: cannot read "${l}"`); process.exit(2); }
  return { status: m[1], op: m[2] ? `${m[2]} ${m[3]}` : null };
});
const isExempt = (op, status) => exempt.some(e => e.status === status && (e.op === null || e.op === op));
const doc = JSON.parse(readFileSync(docFile, 'utf8'));
const ops = operations(doc).map(o => ({
  key: `${o.method} ${o.path}`, method: o.method, statuses: o.responses.filter(s => /^\d{3}$/.test(s)),
  // literal segments match themselves, a {parameter} any one segment; fewer parameters win a tie
  pattern: new RegExp('^' + o.path.split('/').map(seg => /^\{.+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('/') + '$'),
  params: (o.path.match(/\{/g) || []).length,
}));
const seen = new Map(ops.map(o => [o.key, new Set()]));
for (const e of exempt) if (e.op && !seen.has(e.op)) { console.log(`MISSING  ${e.op}: exempted in ${exemptFile}, but the document has no such operation`); process.exitCode = 1; }
for (const file of replays) {
  for (const r of JSON.parse(readFileSync(file, 'utf8'))) {
    if (r.status == null || r.verdict !== 'OK') continue;   // only answers that matched the document count
    const [method, target] = r.request.split(' ');
    const path = target.split('?')[0];
    const op = ops.filter(o => o.method === method && o.pattern.test(path)).sort((a, b) => a.params - b.params)[0];
    if (op) seen.get(op.key).add(String(r.status));
  }
}
let pairs = 0, covered = 0;
const gaps = [];
for (const o of ops) {
  for (const e of exempt) if (e.op === o.key && !o.statuses.includes(e.status)) gaps.push(`${o.key}: exempts ${e.status}, which it does not document`);
  const want = o.statuses.filter(s => !isExempt(o.key, s));
  const missing = want.filter(s => !seen.get(o.key).has(s));
  pairs += want.length; covered += want.length - missing.length;
  if (missing.length) gaps.push(`${o.key}: ${missing.join(', ')}`);
}
for (const g of gaps) console.log(`MISSING  ${g}`);
const untouched = ops.filter(o => !seen.get(o.key).size).length;
console.log(`coverage: ${ops.length - untouched}/${ops.length} operations, ${covered}/${pairs} documented statuses answered` +
  ` (${exempt.length} exemptions with reasons in ${exemptFile ?? '-'}) -> ${gaps.length ? 'FAIL' : 'PASS'}`);
process.exit(gaps.length ? 1 : 0);
