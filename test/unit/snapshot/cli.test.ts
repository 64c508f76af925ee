import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers';

// The real command, as the lead wires it (`npm run snapshot` = tsx scripts/snapshot.ts).
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'scripts/snapshot.ts', ...args],
      { cwd: process.cwd() },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const f = (name: string) => join(FIXTURES, name);
const history = f('pool-demo-history.json');
const tmp = mkdtempSync(join(tmpdir(), 'snapshot-cli-'));
const odd = join(tmp, 'odd#1');
writeFileSync(odd, '{}');

describe('scripts/snapshot.ts', { timeout: 60_000 }, () => {
  it.concurrent.each<[string, string[], number, string]>([
    ['validate: all valid', ['validate', f('pool-demo.json'), history], 0, 'OK (2 snapshot(s))'],
    [
      'validate: one invalid',
      ['validate', f('pool-demo.json'), f('hostile-newer-version.json')],
      1,
      'newer version',
    ],
    [
      'validate: missing file',
      ['validate', join(tmp, 'nope.json')],
      1,
      'cannot read the file (ENOENT)',
    ],
    ['validate: literal # in a name', ['validate', odd], 1, 'no "format" field'],
    ['validate: no files', ['validate'], 2, 'usage:'],
    ['unknown command', ['frobnicate', history], 2, 'usage:'],
    ['diff: identical', ['diff', f('pool-demo.json'), `${history}#0`], 0, 'Sets: 0 changed'],
    [
      'diff: differences',
      ['diff', `${history}#0`, `${history}#1`],
      1,
      'Run Purchase Actions On All Orders: no -> yes',
    ],
    [
      'diff: index out of range',
      ['diff', `${history}#0`, `${history}#7`],
      2,
      'no snapshot #7 (the file has 2)',
    ],
    ['diff: invalid file', ['diff', f('hostile-truncated.txt'), history], 2, 'truncated'],
    ['diff: one file', ['diff', history], 2, 'usage:'],
    ['csv', ['csv', f('pool-demo.json')], 0, 'app,taken at,set kind'],
    ['csv: invalid file', ['csv', f('hostile-proto.json')], 1, '__proto__'],
  ])('%s', async (_, args, code, text) => {
    const r = await run(args);
    expect({ code: r.code, out: `${r.stdout}${r.stderr}`.includes(text) }).toEqual({
      code,
      out: true,
    });
  });
});
