// Watchdog for a test database server (see couch.mjs): `node couch-guard.cjs PARENT CHILD`.
// When the test process PARENT is gone (killed, crashed: no 'exit' handler ran), it kills the
// server CHILD by its PID, so no server outlives its tests. It ends by itself once CHILD is gone.
'use strict';

const parent = Number(process.argv[2]);
const child = Number(process.argv[3]);

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
};

setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (!alive(parent)) {
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // already gone
    }
    process.exit(0);
  }
}, 500);
