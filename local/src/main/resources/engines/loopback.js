'use strict';
// Preloaded (node -r) into each Node.js engine by local-stack.jar. Two jobs the engines do not do themselves:
//
// 1. Bind to loopback only. kinesalite has no host option and listens on every interface;
//    every listen() call is rewritten to 127.0.0.1.
// 2. Die with the launcher. stdin is a pipe held by the launching JVM; the kernel closes it when
//    that JVM ends, even on SIGKILL, so 'end' on stdin means "parent gone". The parent-pid check
//    covers a launcher that handed stdin elsewhere.
const net = require('net');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first) && 'port' in first) {
    args[0] = Object.assign({}, first, { host: LOOPBACK });
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    let rest = args.slice(1);
    if (rest.length > 0 && (typeof rest[0] === 'string' || rest[0] === undefined || rest[0] === null)) {
      rest = rest.slice(1);
    }
    args = [first, LOOPBACK, ...rest];
  }
  return originalListen.apply(this, args);
};

const parentPid = process.ppid;
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
setInterval(() => {
  if (process.ppid !== parentPid) {
    process.exit(0);
  }
}, 1000).unref();
