// `npm run replica [-- --port 8443]`: start the replica with the default accounts and print what
// a browser needs to reach it. Runs until SIGINT/SIGTERM.
import { DEMO_PASSWORD, startReplica } from './index.ts';

function portFromArgs(argv: string[]): number {
  const i = argv.indexOf('--port');
  const raw =
    i >= 0
      ? argv[i + 1]
      : (argv.find((a) => a.startsWith('--port='))?.slice(7) ?? process.env.REPLICA_PORT);
  const port = raw === undefined ? 8443 : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port: ${raw}`);
  return port;
}

const replica = await startReplica({ port: portFromArgs(process.argv.slice(2)) });
console.log(`Replica Keap Max Classic listening on 127.0.0.1:${replica.port}`);
console.log(`--host-resolver-rules="${replica.hostResolverRules}"`);
console.log(`Login: any email, password "${DEMO_PASSWORD}"`);
for (const [app, account] of replica.accounts) {
  const cookie = account.createSession();
  console.log(`\n${app} (${account.spec.dialect}): ${replica.origin(app)}/`);
  console.log(`  test session cookie: ${cookie.name}=${cookie.value}`);
}
const stop = () => {
  replica.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
