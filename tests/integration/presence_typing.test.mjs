// Collision control: when an agent types a reply (which also shows the
// customer WhatsApp's typing indicator), colleagues see who is typing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from './server.mjs';
import { customerWrites, openStream } from './inbox_lib.mjs';

let server, alex, jiwoo;
before(async () => {
  server = await startServer();
  alex = await signedIn(server, 'agent1@demo.test');
  jiwoo = await signedIn(server, 'agent2@demo.test');
});
after(async () => { await server.stop(); });

test('typing to the customer tells colleagues who is typing', async () => {
  const conv = await customerWrites(server, alex, '15550004411', 'hello?');
  const watching = await openStream(server, jiwoo);
  try {
    const r = await alex.post(`/api/v1/conversations/${conv.id}/typing`, {});
    assert.equal(r.status, 204, r.text);
    const ev = await watching.waitFor((e) => e.event === 'typing' &&
      e.data.conversation_id === conv.id);
    assert.ok(ev, 'no typing event reached the colleague');
    assert.equal(ev.data.name, 'Alex Agent');
  } finally {
    watching.close();
  }
});
