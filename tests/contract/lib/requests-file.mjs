// Reads a requests file for contract-replay.mjs: the corpus a project keeps next to its document.
//
//   # a comment
//   @auth curator                     later requests send "Authorization: Bearer {{curator}}"; "@auth none" sends none
//   [!][STATUS ]METHOD /path?query [body]
//     Header-Name: value              indented lines under a request are its headers
//
// '!' marks a request that breaks the document on purpose (a missing required header, a wrong
// content type): Prism must report it, and only those lines may have request violations.
// STATUS, when given, is the status the API must answer; any other is a failure.
// {{name}} is replaced by the environment variable CONTRACT_VAR_<NAME> (an API key, an id made
// by the run); {{etag}} by the ETag of the last response that had one; {{location}} by the last Location header
// answered (a record whose id the API chose); {{pad:N}} by N letters 'x' (a body over a
// size limit). A body is sent as written
// with Content-Type application/json unless a Content-Type header says otherwise; a body written
// as a JSON string ("...") under another content type (text/plain, application/x-ndjson: not JSON itself) is sent
// decoded, so text can hold \n.
import { readFileSync } from 'node:fs';

export function expand(text, where) {
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)(?::(\d+))?\s*\}\}/g, (_, name, n) => {
    if (name === 'pad' && n !== undefined) return 'x'.repeat(+n);
    const value = process.env[`CONTRACT_VAR_${name.toUpperCase()}`];
    if (value === undefined) throw new Error(`${where}: {{${name}}} is not set (CONTRACT_VAR_${name.toUpperCase()})`);
    return value;
  });
}

/** The file's requests as plan entries for contract-replay.mjs. Throws on a line it cannot read. */
export function readRequests(file) {
  const entries = [];
  let auth = null;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n];
    const line = raw.trim();
    const where = `${file}:${n + 1}`;
    if (!line || line.startsWith('#')) continue;
    if (/^\s/.test(raw)) {
      const last = entries.at(-1);
      const colon = line.indexOf(':');
      if (!last || colon < 1) throw new Error(`${where}: an indented line must be a header of the request above it`);
      last.rawHeaders.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim(), where]);
      continue;
    }
    const directive = line.match(/^@auth\s+(\S+)$/);
    if (directive) { auth = directive[1] === 'none' ? null : directive[1]; continue; }
    const m = line.match(/^(!?)(?:(\d{3})\s+)?([A-Z]+)\s+(\S+)\s*(.*)$/);
    if (!m) throw new Error(`${where}: expected [!][STATUS ]METHOD /path [body], got: ${line.slice(0, 80)}`);
    const [, neg, status, method, path, body] = m;
    entries.push({ label: `file:${n + 1}`, op: `${method} ${path.split('?')[0]}`, method, expect: neg ? 'invalid' : 'valid',
      expectStatus: status ? +status : null, where, auth, path, body, rawHeaders: [] });
  }
  return entries.map(e => ({
    ...e,
    build: () => {
      const headers = {};
      if (e.auth) headers.authorization = `Bearer ${expand(`{{${e.auth}}}`, e.where)}`;
      for (const [name, value, where] of e.rawHeaders) headers[name] = expand(value, where);
      let body = e.body ? expand(e.body, e.where) : null;
      if (body != null) {
        headers['content-type'] ??= 'application/json';
        if (!/^application\/(?:[\w.-]+\+)?json\b/i.test(headers['content-type']) && body.startsWith('"')) body = JSON.parse(body);
      }
      return { path: expand(e.path, e.where), headers, body };
    },
  }));
}
