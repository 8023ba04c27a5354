// The example API under Node's cluster module: a primary forks WORKERS (default 2) workers that
// share $PORT, and restarts any that die. For `workers: self` in loadgate.cluster.yml.
import cluster from 'node:cluster';

const count = Number(process.env.WORKERS ?? 2);

if (cluster.isPrimary) {
  console.log(`node-api cluster: primary ${process.pid} forking ${count} workers`);
  for (let i = 0; i < count; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.log(
      `node-api cluster: worker ${worker.process.pid} died (${signal ?? code}), forking another`,
    );
    cluster.fork();
  });
  process.on('SIGTERM', () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    cluster.disconnect(() => process.exit(0));
  });
} else {
  await import('./server.js');
}
