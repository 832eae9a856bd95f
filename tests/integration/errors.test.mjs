// Bad input gets a clear JSON error with the right status, and nothing
// else: no crash, no partial write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, Client, signedIn } from './server.mjs';

let server, admin;
before(async () => {
  server = await startServer({ args: ['--max-body', '2048'] });
  admin = await signedIn(server, 'admin@demo.test');
});
after(async () => { await server.stop(); });

function isError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type'), /application\/json/);
  assert.equal(r.json.error.code, code);
  assert.equal(typeof r.json.error.message, 'string');
  assert.ok(r.json.error.message.length > 0);
}

const cases = [
  ['unknown route', 'GET', '/api/v1/nothing-here', {}, 404, 'route_not_found'],
  ['wrong method', 'DELETE', '/api/v1/me', {}, 405, 'method_not_allowed'],
  ['malformed JSON', 'POST', '/api/v1/teams',
    { raw: '{"name": ', headers: { 'Content-Type': 'application/json' } },
    400, 'invalid_json'],
  ['JSON that is not an object', 'POST', '/api/v1/teams',
    { raw: '["a"]', headers: { 'Content-Type': 'application/json' } },
    400, 'invalid_json'],
  ['wrong content type', 'POST', '/api/v1/teams',
    { raw: 'name=x', headers: { 'Content-Type': 'text/plain' } },
    415, 'unsupported_media_type'],
  ['wrong type of field', 'POST', '/api/v1/teams', { body: { name: 42 } },
    422, 'invalid_field'],
  ['missing field', 'POST', '/api/v1/teams', { body: {} }, 422,
    'missing_field'],
  ['unknown field', 'POST', '/api/v1/teams',
    { body: { name: 'x', colour: 'red' } }, 422, 'invalid_field'],
  ['bad role', 'POST', '/api/v1/users',
    { body: { email: 'x@y.z', name: 'X', role: 'king' } }, 422,
    'invalid_field'],
  ['bad e-mail', 'POST', '/api/v1/users',
    { body: { email: 'not-an-address', name: 'X', role: 'agent' } }, 422,
    'invalid_field'],
  ['bad cursor', 'GET', '/api/v1/users?cursor=abc', {}, 400, 'invalid_cursor'],
  ['bad limit', 'GET', '/api/v1/users?limit=0', {}, 400, 'bad_request'],
  ['id that cannot exist', 'GET', '/api/v1/users/abc', {}, 404, 'not_found'],
  ['id that does not exist', 'GET', '/api/v1/teams/999999', {}, 404,
    'not_found'],
];

for (const [name, method, path, opts, status, code] of cases) {
  test(`${name}: ${status} ${code}`, async () => {
    isError(await admin.request(method, path, opts), status, code);
  });
}

test('a body over the limit gets 413 and changes nothing', async () => {
  const before = (await admin.get('/api/v1/teams')).json.data.length;
  const r = await admin.post('/api/v1/teams',
    { name: 'big', description: 'x'.repeat(4000) });
  isError(r, 413, 'payload_too_large');
  const after = (await admin.get('/api/v1/teams')).json.data.length;
  assert.equal(after, before);
});

test('a wrong method names the allowed ones', async () => {
  const r = await admin.request('DELETE', '/api/v1/me');
  assert.match(r.headers.get('allow'), /GET/);
  assert.match(r.headers.get('allow'), /PATCH/);
});

// Raw requests for framing that fetch() would not send.
function raw(text) {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), hostname, () => s.end(text));
    let out = '';
    s.on('data', (d) => { out += d; });
    s.on('end', () => resolve(out));
    s.on('error', reject);
  });
}

test('conflicting Content-Length headers are refused', async () => {
  const out = await raw('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n' +
    'Content-Type: application/json\r\nContent-Length: 2\r\n' +
    'Content-Length: 3\r\nConnection: close\r\n\r\n{} ');
  assert.match(out, /^HTTP\/1\.1 400/);
});

test('Content-Length with chunked encoding is refused', async () => {
  const out = await raw('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n' +
    'Content-Type: application/json\r\nContent-Length: 2\r\n' +
    'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n');
  assert.match(out, /^HTTP\/1\.1 400/);
});

test('the server still answers after all of that', async () => {
  const r = await new Client(server.url).get('/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
});
