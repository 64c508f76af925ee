// `npm run lint:firefox` (after `wxt build -b firefox --mv3`): Mozilla's add-on linter on the
// Firefox build. Fails on any error, and on any warning except the one the README explains:
// UNSAFE_VAR_ASSIGNMENT on Preact's own `dangerouslySetInnerHTML` support (`x.innerHTML =
// props.dangerouslySetInnerHTML.__html`), which the toolkit never uses.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Message {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

const dir = resolve(import.meta.dirname, '..', process.env.PAT_OUT_DIR ?? '.output', 'firefox-mv3');
if (!existsSync(join(dir, 'manifest.json'))) {
  console.error(`No Firefox build at ${dir}: run \`wxt build -b firefox --mv3\` first.`);
  process.exit(1);
}

let out: string;
try {
  out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
} catch (e) {
  // web-ext exits non-zero when there are errors; the JSON report is still on stdout.
  out = String((e as { stdout?: unknown }).stdout ?? '');
}
const report = JSON.parse(out.slice(out.indexOf('{'))) as {
  errors: Message[];
  warnings: Message[];
  notices: Message[];
};

/** The source around a message's position, to tell Preact's innerHTML from anything else. */
function around(m: Message): string {
  if (!m.file || !m.line) return '';
  const line = readFileSync(join(dir, m.file), 'utf8').split('\n')[m.line - 1] ?? '';
  const col = m.column ?? 0;
  return line.slice(Math.max(0, col - 120), col + 120);
}
const isPreactInnerHtml = (m: Message) =>
  m.code === 'UNSAFE_VAR_ASSIGNMENT' && /innerHTML\s*=\s*[\w$]+\.__html/.test(around(m));

const explained = report.warnings.filter(isPreactInnerHtml);
const unexplained = report.warnings.filter((m) => !isPreactInnerHtml(m));
const show = (kind: string, m: Message) =>
  console.log(
    `${kind} ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}:${m.column}` : ''}\n  ${m.message}`,
  );

for (const m of report.errors) show('ERROR', m);
for (const m of unexplained) show('WARNING', m);
for (const m of explained) show('explained (README, "Firefox")', m);
for (const m of report.notices) show('notice', m);
console.log(
  `web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings ` +
    `(${explained.length} explained in the README), ${report.notices.length} notices`,
);
if (report.errors.length || unexplained.length) process.exit(1);
