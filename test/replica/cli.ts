// `npm run replica [-- --port 8443]`: start the replica with the default accounts and print what
// a browser needs to reach it. Runs until SIGINT/SIGTERM.
//   --dialect generated:<seed>   also serve account `gen` in that generated dialect
//   --dialect-from FILE          also serve account `report` in the dialect a page-shape report
//                                shows (from-report.ts); with --print, print its recipe and exit
import { readFileSync } from 'node:fs';
import { isDialectName, registerDialect } from './dialects.ts';
import { dialectFromReport } from './from-report.ts';
import { DEFAULT_ACCOUNTS, DEMO_PASSWORD, startReplica } from './index.ts';
import type { AccountSpec } from './state/types.ts';

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

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};

const accounts: AccountSpec[] = [...DEFAULT_ACCOUNTS];
const generated = option('--dialect');
if (generated) {
  if (!isDialectName(generated)) throw new Error(`unknown dialect ${generated}`);
  accounts.push({ app: 'gen', dialect: generated, seed: 'demo' });
}
const reportFile = option('--dialect-from');
if (reportFile) {
  const { recipe, guessed } = dialectFromReport(
    JSON.parse(readFileSync(reportFile, 'utf8')),
    'report',
  );
  if (argv.includes('--print')) {
    console.log(JSON.stringify({ recipe, guessed }, null, 2));
    process.exit(0);
  }
  registerDialect(recipe);
  accounts.push({ app: 'report', dialect: 'custom:report', seed: 'demo' });
  console.log(`Dialect from ${reportFile}; not in the report, so guessed: ${guessed.join(', ')}`);
}

const replica = await startReplica({ port: portFromArgs(argv), accounts });
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
