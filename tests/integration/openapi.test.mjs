// Keeps docs/openapi.yaml honest: every route in the route tables under
// src/ is documented with the role the code requires, nothing documented is
// missing from the code, and a few GET endpoints of the real demo server
// answer with the fields the document says are required.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { startServer, signedIn } from './server.mjs';

const ROOT = process.env.PARLEY_SOURCE_ROOT ||
  new URL('../..', import.meta.url).pathname;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
// Route tables `parley serve` does not mount: the web UI's pages are
// served by the UI, not part of the REST API.
const NOT_MOUNTED = new Set(['src/http/assets.c']);
const ROLES = {
  ROLE_NONE: 'none', ROLE_AGENT: 'agent', ROLE_SUPERVISOR: 'supervisor',
  ROLE_ADMINISTRATOR: 'administrator',
};

const spec = parse(readFileSync(join(ROOT, 'docs/openapi.yaml'), 'utf8'));

function cFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return cFiles(p);
    return name.endsWith('.c') ? [p] : [];
  });
}

// `#define NAME "text"` and `#define NAME OTHER` of one file.
function defines(src) {
  const out = {};
  for (const m of src.matchAll(/^#define\s+(\w+)\s+("[^"]*"|\w+)\s*$/gm))
    out[m[1]] = m[2];
  return out;
}

// A path expression of a table entry: "lit", MACRO, or MACRO "lit".
function resolvePath(expr, defs, prefix) {
  let path = '';
  for (const tok of expr.trim().split(/\s+/)) {
    if (tok.startsWith('"')) path += tok.slice(1, -1);
    else if (tok === 'P' && prefix !== undefined) path += prefix;
    else if (defs[tok]?.startsWith('"')) path += defs[tok].slice(1, -1);
    else return null;
  }
  return path;
}

function resolveRole(tok, defs) {
  for (let t = tok, i = 0; i < 4; i++, t = defs[t])
    if (ROLES[t]) return ROLES[t];
  return null;
}

// Blanks include the backslashes that continue a macro's lines.
const ENTRY = new RegExp(String.raw`\{[\s\\]*"(${METHODS.join('|')})",` +
  String.raw`[\s\\]*((?:\w+\s*)?(?:"[^"]*")?)[\s\\]*,[\s\\]*(\w+)` +
  String.raw`[\s\\]*,[\s\\]*(\w+)`, 'g');

// Every {method, path, role, file} of the route tables under src/. A
// table written as a macro of a path prefix P (the simulator's Graph API)
// is expanded once for each prefix it is instantiated with.
function codeRoutes() {
  const routes = [];
  for (const file of cFiles(join(ROOT, 'src'))) {
    const rel = relative(ROOT, file);
    if (NOT_MOUNTED.has(rel)) continue;
    const src = readFileSync(file, 'utf8');
    const defs = defines(src);
    const macro = src.match(/#define\s+(\w+)\(P\)/);
    const prefixes = macro
      ? [...src.matchAll(new RegExp(macro[1] + String.raw`\("([^"]*)"\)`,
        'g'))].map((m) => m[1])
      : [undefined];
    for (const prefix of prefixes) {
      for (const m of src.matchAll(ENTRY)) {
        const path = resolvePath(m[2], defs, prefix);
        assert.ok(path, `${rel}: cannot read the path of ${m[0]}`);
        routes.push({ method: m[1], path, role: resolveRole(m[4], defs),
          file: rel, prefix });
      }
    }
  }
  return routes;
}

function specRoutes() {
  const out = [];
  for (const [path, item] of Object.entries(spec.paths))
    for (const [method, o] of Object.entries(item))
      if (METHODS.includes(method.toUpperCase()))
        out.push({ method: method.toUpperCase(), path, op: o });
  return out;
}

const key = (r) => `${r.method} ${r.path}`;

// `parley sim` serves the same Graph routes at its root that the demo
// mounts under /sim/graph; the document describes them once, there.
function mountedRoutes() {
  const all = codeRoutes();
  const root = all.filter((r) => r.prefix === '');
  const prefixed = all.filter((r) => r.prefix === '/sim/graph');
  assert.deepEqual(root.map((r) => key(r)).sort(),
    prefixed.map((r) => `${r.method} ${r.path.slice('/sim/graph'.length)}`)
      .sort(), 'the Graph routes at the root and under /sim/graph differ');
  return all.filter((r) => r.prefix !== '');
}

test('the route tables were found', () => {
  const routes = mountedRoutes();
  assert.ok(routes.length > 100, `only ${routes.length} routes found`);
  for (const probe of ['POST /api/v1/auth/login', 'GET /api/v1/events',
    'POST /webhooks/whatsapp', 'GET /api/v1/rules',
    'POST /sim/graph/{ver}/{pnid}/messages', 'PATCH /api/v1/contacts/{id}'])
    assert.ok(routes.some((r) => key(r) === probe), `${probe} not found`);
  for (const r of routes)
    assert.ok(r.role, `${r.file}: ${key(r)} has a role we cannot read`);
});

test('every route of the code is documented', () => {
  const documented = new Set(specRoutes().map(key));
  const missing = [...new Set(mountedRoutes()
    .filter((r) => !documented.has(key(r)))
    .map((r) => `${key(r)} (${r.file})`))];
  assert.deepEqual(missing, [], 'routes missing from docs/openapi.yaml');
});

test('every documented route is in the code', () => {
  const inCode = new Set(mountedRoutes().map(key));
  const stale = specRoutes().filter((r) => !inCode.has(key(r))).map(key);
  assert.deepEqual(stale, [], 'documented routes the code no longer has');
});

test('each documented role is the role the code requires', () => {
  const ops = new Map(specRoutes().map((r) => [key(r), r.op]));
  // A path registered twice (the channel's and the inbox's conversation
  // list) is answered by the first table mounted; both agree here.
  const wrong = [];
  for (const r of mountedRoutes()) {
    const o = ops.get(key(r));
    if (!o) continue;
    if (o['x-parley-min-role'] !== r.role)
      wrong.push(`${key(r)}: code ${r.role}, doc ${o['x-parley-min-role']}`);
    const line = o.description?.split('\n')[0] || '';
    if (r.role !== 'none' && !line.includes(r.role))
      wrong.push(`${key(r)}: description does not name ${r.role}`);
  }
  assert.deepEqual(wrong, []);
});

test('every error code of src/http/errors.h is in the Error schema', () => {
  const src = readFileSync(join(ROOT, 'src/http/errors.h'), 'utf8');
  const code = spec.components.schemas.Error.properties.error.properties.code;
  const listed = code.description;
  for (const m of src.matchAll(/X\(ERR_\w+,\s*(\d+),\s*"(\w+)"\)/g)) {
    assert.ok(code.enum.includes(m[2]), `${m[2]} not in the enum`);
    assert.ok(listed.includes(`${m[2]} ${m[1]}`),
      `${m[2]} is not listed with status ${m[1]}`);
  }
});

test('every $ref resolves', () => {
  const text = JSON.stringify(spec);
  for (const m of text.matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g))
    assert.ok(spec.components[m[1]]?.[m[2]], `${m[1]}/${m[2]} is missing`);
});

// --- the real server -------------------------------------------------------

// Follow $ref and allOf into {properties, required} of an object schema.
function flatten(schema) {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop();
    return flatten(spec.components.schemas[name]);
  }
  const out = { properties: { ...(schema.properties || {}) },
    required: [...(schema.required || [])] };
  for (const part of schema.allOf || []) {
    const f = flatten(part);
    Object.assign(out.properties, f.properties);
    out.required.push(...f.required);
  }
  return out;
}

// Check value against the required members of schema, one level into
// the items of a `data` array and into object members.
function check(value, schema, where, depth = 0) {
  const f = flatten(schema);
  assert.equal(typeof value, 'object', `${where} is not an object`);
  for (const name of f.required)
    assert.ok(name in value, `${where} lacks required '${name}'`);
  if (depth > 2) return;
  for (const [name, sub] of Object.entries(f.properties)) {
    const v = value[name];
    if (v === null || v === undefined) continue;
    const items = sub.items || flatten(sub).properties.items;
    if (Array.isArray(v) && items && (items.$ref || items.properties)) {
      v.slice(0, 3).forEach((it, i) =>
        check(it, items, `${where}.${name}[${i}]`, depth + 1));
    } else if (!Array.isArray(v) && typeof v === 'object' &&
      (sub.$ref || sub.properties)) {
      check(v, sub, `${where}.${name}`, depth + 1);
    }
  }
}

function okSchema(path) {
  const o = spec.paths[path].get;
  return o.responses['200'].content['application/json'].schema;
}

let server;
let admin;
before(async () => {
  server = await startServer();
  admin = await signedIn(server, 'admin@demo.test');
});
after(async () => { await server?.stop(); });

const GETS = ['/healthz', '/readyz', '/api/v1/me', '/api/v1/users',
  '/api/v1/teams', '/api/v1/inboxes', '/api/v1/audit',
  '/api/v1/conversations/counts', '/api/v1/canned-replies',
  '/api/v1/presence', '/api/v1/search', '/api/v1/templates',
  '/api/v1/rules', '/api/v1/assignment-policies', '/api/v1/sla-policies',
  '/api/v1/queue', '/api/v1/labels', '/api/v1/me/shortcuts'];

for (const path of GETS) {
  test(`GET ${path} answers the documented shape`, async () => {
    const query = path === '/api/v1/search' ? '?q=order' : '';
    const r = await admin.get(path + query);
    assert.equal(r.status, 200, r.text);
    check(r.json, okSchema(path), path);
  });
}

test('a conversation, its messages and contact have the documented shape',
  async () => {
    const c = new (admin.constructor)(server.url);
    c.cookie = admin.cookie;
    c.csrf = admin.csrf;
    // A customer writes through the in-process simulator, so that there
    // is a conversation to read.
    const sent = await c.post('/sim/customers/16505550123/messages',
      { type: 'text', text: { body: 'Where is my order?' } });
    assert.equal(sent.status, 200, sent.text);
    let list;
    for (let i = 0; i < 100; i++) {
      list = await c.get('/api/v1/conversations?status=all');
      if (list.json?.data?.length) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    assert.equal(list.status, 200, list.text);
    assert.ok(list.json.data.length, 'no conversation appeared');
    check(list.json, okSchema('/api/v1/conversations'),
      '/api/v1/conversations');
    const conv = list.json.data[0];
    for (const path of ['/api/v1/conversations/{id}',
      '/api/v1/conversations/{id}/messages']) {
      const r = await c.get(path.replace('{id}', conv.id));
      assert.equal(r.status, 200, r.text);
      check(r.json, okSchema(path), path);
    }
    const contact = await c.get(`/api/v1/contacts/${conv.contact_id}`);
    assert.equal(contact.status, 200, contact.text);
    check(contact.json, okSchema('/api/v1/contacts/{id}'),
      '/api/v1/contacts/{id}');
  });

test('an error has the documented shape', async () => {
  const r = await admin.get('/api/v1/users/999999');
  assert.equal(r.status, 404);
  check(r.json, spec.components.schemas.Error, 'error');
  assert.equal(r.json.error.code, 'not_found');
});
