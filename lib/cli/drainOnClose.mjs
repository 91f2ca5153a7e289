// Preloaded into the web server process (`node --import`): makes http.Server#close() end keep-alive
// connections too. Node's close() stops accepting new connections and drops the idle ones once, but a client
// that keeps sending on a kept-alive connection (an SDK under load) would hold the server open until it is
// killed. After close(), every response says `Connection: close` and connections are dropped as soon as they
// are idle, so in-flight requests finish and the server exits (Next.js's SIGTERM handler calls close()).
import http from 'node:http';

const IDLE_SWEEP_MS = 100;
const close = http.Server.prototype.close;

http.Server.prototype.close = function (callback) {
  this.on('request', (_req, res) => {
    res.shouldKeepAlive = false;
  });
  const sweep = setInterval(() => this.closeIdleConnections(), IDLE_SWEEP_MS).unref();
  this.once('close', () => clearInterval(sweep));
  return close.call(this, callback);
};
