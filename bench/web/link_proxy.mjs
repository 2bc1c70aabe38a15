// A slow mobile link in front of the server for bench/web/load.mjs: every
// connection of the browser (the page's and the service worker's alike) shares
// one link of `kbit` each way, and each chunk arrives half the round trip
// `rttMs` after it left. Chromium's network emulation is per page and does not
// slow the service worker's own fetches (the precache), so it cannot say when a
// first visit becomes offline-ready; this can.
import net from 'node:net';

export function startLinkProxy(targetPort, { kbit, rttMs }) {
  const bytesPerMs = (kbit * 1000) / 8 / 1000;
  const free = { down: 0, up: 0 };  // when each direction of the link is next free (performance.now())
  const sockets = new Set();
  // Queues `chunk` on the shared link towards `to`, in pieces of 16 KB (so a
  // large write streams as it would on a real link); order is kept because the
  // due times grow along each direction.
  function send(dir, to, chunk, state) {
    for (let at = 0; at < chunk.length; at += 16384) {
      const piece = chunk.subarray(at, at + 16384);
      const now = performance.now();
      const done = Math.max(now, free[dir]) + piece.length / bytesPerMs;
      free[dir] = done;
      const due = done + rttMs / 2;
      state.last = Math.max(state.last, due);
      setTimeout(() => { if (!to.destroyed) to.write(piece); }, due - now);
    }
  }
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const toServer = { last: 0 }, toClient = { last: 0 };
    client.on('data', (c) => send('up', upstream, c, toServer));
    upstream.on('data', (c) => send('down', client, c, toClient));
    const endAfter = (sock, state) => setTimeout(() => sock.end(), Math.max(0, state.last - performance.now()) + 1);
    client.on('end', () => endAfter(upstream, toServer));
    upstream.on('end', () => endAfter(client, toClient));
    for (const s of [client, upstream]) {
      s.on('error', () => { client.destroy(); upstream.destroy(); });
      s.on('close', () => sockets.delete(s));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}/`,
      async stop() {
        for (const s of sockets) s.destroy();
        await new Promise((r) => server.close(r));
      },
    }));
  });
}
