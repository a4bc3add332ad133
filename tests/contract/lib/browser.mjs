// Drive Swagger UI in Debian's chromium with playwright-core (called by browser.sh).
// usage: node browser.mjs BASE_URL OUT_DIR [SWAGGER_PATH]
// env:   NODE_TOOLS (where playwright-core is installed), CHROMIUM_PATH, OPENAPI_PATH,
//        BROWSER_TRY_PATH (operation path to "Try it out", default: first GET without required params)
//        BROWSER_TRY_PARAMS ("id=999&q=x": values typed into that operation's parameter inputs)
//        BROWSER_PROBE_NOTFOUND=0 (skip the GET .../{id} not-found probe)
//        BROWSER_AUTHORIZE_KEY (entered under "Authorize" before "Try it out", as a person with a key would)
//        BROWSER_EXPECT_TEXT (text the "Try it out" response body must contain, e.g. a record only the key can read)
// Prints findings, then ONE summary line; exit 0 pass / 1 findings / 2 setup error.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDoc, operations } from './openapi.mjs';

const [base0, outDir, swaggerPath = '/swagger'] = process.argv.slice(2);
if (!base0 || !outDir) { console.error('usage: node browser.mjs BASE_URL OUT_DIR [SWAGGER_PATH]'); process.exit(2); }
const base = base0.replace(/\/$/, '');
const require = createRequire(`${process.env.NODE_TOOLS || '/tmp/claimsapi-contract-tools/node'}/package.json`);
const { chromium } = require('playwright-core');

const watchdog = setTimeout(() => { console.log('browser: ERROR watchdog: gave up after 180 s'); process.exit(2); }, 180_000);
const findings = [];   // {gating, text}
const note = (gating, text) => { findings.push({ gating, text }); console.log(`${gating ? 'FAIL' : 'warn'}  ${text}`); };

let doc, docPath;
try { ({ doc, docPath } = await loadDoc(base, process.env.OPENAPI_PATH || null)); }
catch (e) { console.log(`browser: ERROR ${e.message}`); process.exit(2); }
const ops = operations(doc);
const tryPath = process.env.BROWSER_TRY_PATH ||
  ops.filter(o => o.method === 'GET' && !o.params.some(p => p.required)).map(o => o.path).sort((a, b) => a.length - b.length)[0];

const profile = mkdtempSync(join(tmpdir(), 'apichecks-chromium-'));
const loopback = new URL(base).hostname;
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  timeout: 60_000,
});
let exitCode = 0, summary = '';
try {
  const page = ctx.pages()[0] || await ctx.newPage();
  page.setDefaultTimeout(30_000);
  const external = new Set(), consoleErrors = [], pageErrors = [], failedAssets = [];
  // Nothing leaves this machine: every request to another host is aborted and listed.
  await ctx.route('**/*', route => {
    const u = new URL(route.request().url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && u.hostname !== loopback) { external.add(u.origin); return route.abort(); }
    return route.continue();
  });
  // "Failed to load resource: ... status of 404" is Chrome echoing a response we asked for (the probes);
  // statuses are judged from Swagger UI's response table and asset failures from page responses.
  page.on('console', m => { if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of/.test(m.text())) consoleErrors.push(m.text().slice(0, 200)); });
  page.on('pageerror', e => pageErrors.push(String(e.message || e).slice(0, 200)));
  page.on('response', r => { if (r.status() >= 400 && r.request().resourceType() !== 'fetch' && r.request().resourceType() !== 'xhr') failedAssets.push(`${r.status()} ${r.url()}`); });

  const t0 = Date.now();
  const resp = await page.goto(`${base}${swaggerPath}`, { waitUntil: 'domcontentloaded' });
  if (!resp || resp.status() >= 400) throw new Error(`GET ${swaggerPath} answered ${resp?.status()}`);
  await page.waitForSelector('.swagger-ui .info .title, .swagger-ui .errors-wrapper', { timeout: 30_000 });
  // expand collapsed tag sections (docExpansion: "none")
  for (const tag of await page.$$('.opblock-tag-section:not(.is-open) .opblock-tag')) await tag.click().catch(() => {});
  await page.waitForSelector('.opblock', { timeout: 15_000 }).catch(() => {});
  const renderMs = Date.now() - t0;
  const title = (await page.textContent('.swagger-ui .info .title').catch(() => ''))?.replace(/\s+/g, ' ').replace(/^Curl/, '').trim();
  const uiErrors = await page.$$eval('.swagger-ui .errors-wrapper .error-wrapper', els => els.map(e => e.textContent.replace(/\s+/g, ' ').trim().slice(0, 200))).catch(() => []);
  const rendered = await page.$$eval('.opblock', els => els.map(e => {
    const m = (e.className.match(/opblock-(get|put|post|delete|patch|options|head|trace)\b/) || [])[1];
    const p = e.querySelector('.opblock-summary-path')?.getAttribute('data-path') || e.querySelector('.opblock-summary-path')?.textContent;
    return `${(m || '?').toUpperCase()} ${(p || '').replace(/\u200b/g, '').trim()}`;
  }));
  console.log(`info  Swagger UI "${title}" rendered in ${renderMs} ms; ${rendered.length} operations listed, document has ${ops.length}`);
  for (const r of rendered) console.log(`        ${r}`);
  for (const e of uiErrors) note(true, `Swagger UI shows an error: ${e}`);
  const docOps = new Set(ops.map(o => `${o.method} ${o.path}`));
  const missing = [...docOps].filter(x => !rendered.includes(x));
  if (rendered.length !== ops.length || missing.length) note(true, `operation count mismatch: UI ${rendered.length} vs document ${ops.length}; missing in UI: ${missing.join(', ') || '-'}`);

  // ---- Authorize: the key goes into the first scheme's value box, as a person would paste it
  let authorized = '';
  if (process.env.BROWSER_AUTHORIZE_KEY) {
    await page.locator('.auth-wrapper button.authorize').first().click();
    const box = page.locator('.modal-ux .auth-container').first();
    const scheme = (await box.locator('h4').first().textContent().catch(() => ''))?.replace(/\s+/g, ' ').trim();
    await box.locator('input').first().fill(process.env.BROWSER_AUTHORIZE_KEY);
    await box.locator('button.authorize').click();
    // Swagger UI swaps the box's Authorize button for Logout once it holds the key
    if (!await page.locator('.modal-ux button:has-text("Logout")').first().waitFor({ timeout: 5000 }).then(() => true, () => false)) note(true, `Authorize did not take the key (${scheme})`);
    await page.locator('.modal-ux button.btn-done, .modal-ux .close-modal').first().click();
    authorized = ` with a key under Authorize (${scheme})`;
    console.log(`info  Authorize: key entered for ${scheme}`);
  }

  // ---- Try it out / Execute
  async function tryIt(path, params, shot, expectText) {
    const block = page.locator('.opblock.opblock-get').filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) }).first();
    await block.locator('.opblock-summary').first().click();
    await block.locator('.try-out__btn').click();
    for (const [k, val] of new URLSearchParams(params || '')) {      // "id=999&q=dune"
      const input = block.locator(`tr[data-param-name="${k}"] input, tr[data-param-name="${k}"] textarea`).first();
      if (await input.count()) await input.fill(val);
      else {
        const sel = block.locator(`tr[data-param-name="${k}"] select`).first();
        if (await sel.count()) await sel.selectOption(val); else note(true, `no input for parameter ${k} in Swagger UI`);
      }
    }
    await block.locator('button.execute').click();
    const statusCell = block.locator('.live-responses-table tbody tr.response .response-col_status').first();
    await statusCell.waitFor({ timeout: 20_000 });
    const status = (await statusCell.textContent()).replace(/Undocumented/i, '').trim();
    const undocumented = await block.locator('.live-responses-table tbody tr.response .response-undocumented').count();
    const curl = (await block.locator('.curl-command').first().textContent().catch(() => ''))?.replace(/\s+/g, ' ').replace(/^Curl/, '').trim();
    const what = `GET ${path}${params ? ` (${params})` : ''} -> ${status}${undocumented ? ' Undocumented' : ''}`;
    console.log(`info  Try it out / Execute: ${what}${curl ? `   (${curl.slice(0, 140)})` : ''}`);
    if (undocumented) note(true, `Swagger UI marks the live response ${status} of GET ${path} as "Undocumented" (status not in the document)`);
    if (/^5\d\d/.test(status) || !/^\d{3}$/.test(status)) note(true, `Execute on GET ${path} answered ${status}`);
    if (expectText) {
      const body = (await block.locator('.live-responses-table tbody tr.response .response-col_description').first().textContent().catch(() => '')) || '';
      if (!body.includes(expectText)) note(true, `the response of GET ${path}${params ? ` (${params})` : ''}${authorized} does not contain "${expectText}": ${body.replace(/\s+/g, ' ').slice(0, 160)}`);
      else console.log(`info  the response contains "${expectText}"`);
      if (authorized && !/authorization|x-api-key/i.test(curl || '')) note(true, `the curl line of GET ${path} sends no key although one was entered under Authorize`);
    }
    await statusCell.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${outDir}/${shot}` });
    return what;
  }
  const executed = [];
  if (tryPath) executed.push(await tryIt(tryPath, process.env.BROWSER_TRY_PARAMS, 'swagger-viewport.png', process.env.BROWSER_EXPECT_TEXT) + authorized);
  else executed.push('skipped (no GET without required parameters; set BROWSER_TRY_PATH)');
  // not-found probe: GET .../{id} with an id that should not exist; a person sees "Undocumented"
  const byId = ops.filter(o => o.method === 'GET' && /\/\{[^}]+\}$/.test(o.path) && o.params.filter(p => p.in === 'path').length === 1
                          && !o.params.some(p => p.required && p.in !== 'path')).sort((a, b) => a.path.length - b.path.length)[0];
  if (byId && process.env.BROWSER_PROBE_NOTFOUND !== '0' && byId.path !== tryPath) {
    const p = byId.params.find(x => x.in === 'path');
    const t = [].concat(p.schema.type || 'string').filter(x => x !== 'null')[0];
    const missing = t === 'integer' || t === 'number' ? '2147483000' : p.schema.format === 'uuid' ? '00000000-0000-0000-0000-000000000000' : 'does-not-exist-0';
    executed.push('not-found ' + await tryIt(byId.path, `${p.name}=${missing}`, 'swagger-notfound.png'));
  }
  await page.screenshot({ path: `${outDir}/swagger.png`, fullPage: true });
  console.log(`info  screenshots: ${outDir}/swagger.png (full page), swagger-viewport.png, swagger-notfound.png`);

  for (const e of pageErrors) note(true, `uncaught page error: ${e}`);
  for (const e of failedAssets) note(true, `asset failed: ${e}`);
  for (const e of consoleErrors) note(false, `console error: ${e}`);
  if (external.size) note(false, `blocked requests to non-loopback hosts: ${[...external].join(', ')}`);
  const gating = findings.filter(f => f.gating).length;
  exitCode = gating ? 1 : 0;
  summary = `browser: Swagger UI at ${swaggerPath} rendered ${rendered.length}/${ops.length} operations in ${renderMs} ms; ` +
            `execute: ${executed.join('; ')}; ${gating} failures, ${findings.length - gating} warnings -> ${gating ? 'FAIL' : 'PASS'}`;
} catch (e) {
  await ctx.pages()[0]?.screenshot({ path: `${outDir}/swagger-error.png`, fullPage: true }).catch(() => {});
  summary = `browser: FAILED ${String(e.message || e).split('\n')[0].slice(0, 200)} (screenshot: ${outDir}/swagger-error.png) -> FAIL`;
  exitCode = 1;
} finally {
  await ctx.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
  clearTimeout(watchdog);
}
console.log(summary);
process.exit(exitCode);
