import type { Locator, Page } from 'playwright-core';
import { type Account, type Dialect, startReplica } from '../replica';
import { intBetween, mulberry32, pick, type Rng } from '../replica/prng';
import { danglingFields } from '../replica/state/action-types';
import type { Faults, SetOwner } from '../replica/state/types';
import { dialog, expected, type Lines, runCounts } from './bulk';
import { toolbar, toolkitFrame } from './crm-ui';
import { dialectOf, replicaSets } from './expect';
import { secondProfile, type World } from './harness';

// The fault soak (issue 10, `npm run soak`): randomized runs of bulk copy (add, replace), restore
// and undo through the dialog, in Chromium on the production build against the replica, with
// faults, an ended session, a closed tab, a second tab trying to start a job and a colleague
// editing targets between the preview and the write. After each run the replica's own state is
// compared with what its state before the run says it must be. One seed replays one run: the
// scenario, the account and the fault dice all come from it (the browser's timing does not).

export type Kind = 'add' | 'replace' | 'restore';
type Phase = 'job' | 'undo';

export interface Scenario {
  seed: number;
  app: string;
  dialect: Dialect;
  kind: Kind;
  /** How many products the job writes to (the preview may find some need no change). */
  targets: number;
  undo: boolean;
  faults: Pick<Faults, 'error5xxRate' | 'rate429' | 'retryAfterSec' | 'dropRate' | 'latencyMs'>;
  /** A latency spike: from this many ms after the job starts, for `spikeMs`, at `spikeLatencyMs`. */
  spike: { atMs: number; forMs: number; latencyMs: number } | null;
  /** Targets a colleague edits between the preview and the write, and when. */
  colleague: { count: number; phase: Phase; when: 'before-preview' | 'after-preview' } | null;
  /** Sessions end once this many targets of the phase's job are handled. */
  expiry: { phase: Phase; after: number } | null;
  /** The tab closes once this many targets of the phase's job are handled; Resume in a new tab. */
  closeTab: { phase: Phase; after: number } | null;
  /** A second tab of the account tries to start a job while this many are handled. */
  secondTab: { after: number } | null;
}

export function scenarioOf(seed: number): Scenario {
  const rng = mulberry32(seed);
  const chance = (p: number) => rng() < p;
  const kind = pick(rng, ['add', 'replace', 'restore'] as const);
  const targets = intBetween(rng, 3, 5);
  const undo = chance(0.5);
  const phase = (): Phase => (undo && chance(0.3) ? 'undo' : 'job');
  const at = () => intBetween(rng, 0, targets - 2);
  const colleaguePhase = phase();
  return {
    seed,
    app: `soak${seed}`,
    dialect: pick(rng, ['inline', 'scripted'] as const),
    kind,
    targets,
    undo,
    faults: {
      error5xxRate: pick(rng, [0, 0.03, 0.06]),
      rate429: pick(rng, [0, 0.03, 0.06]),
      retryAfterSec: 1,
      dropRate: pick(rng, [0, 0.02, 0.04]),
      latencyMs: pick(rng, [10, 50, 120]),
    },
    spike: chance(0.5)
      ? { atMs: intBetween(rng, 0, 3000), forMs: intBetween(rng, 800, 2500), latencyMs: 900 }
      : null,
    colleague: chance(0.7)
      ? {
          count: intBetween(rng, 1, 2),
          phase: colleaguePhase,
          // Before the undo's preview: the undo refuses the set (changed since the job).
          when: colleaguePhase === 'undo' && chance(0.5) ? 'before-preview' : 'after-preview',
        }
      : null,
    expiry: chance(0.45) ? { phase: phase(), after: at() } : null,
    closeTab: chance(0.4) ? { phase: phase(), after: at() } : null,
    secondTab: chance(0.35) ? { after: at() } : null,
  };
}

export interface RunResult {
  seed: number;
  /** Targets whose final state misses an action it should have (a colleague's included). */
  lost: number;
  /** Targets holding an action more times than expected. */
  duplicated: number;
  /** Targets the report shows stopped as changed (by a colleague). */
  changed: number;
  /** Sessions that ended mid-job and were resumed after logging in again. */
  resumed: number;
  /** Everything else that was not as it must be (order, configuration, report, refusals). */
  problems: string[];
  /** What happened, for the log. */
  notes: string[];
  ms: number;
}

/** One browser (the production build) and one replica, reused across runs. */
export interface Soak {
  world: World;
  run(seed: number, log?: (line: string) => void): Promise<RunResult>;
  close(): Promise<void>;
}

export async function startSoak(): Promise<Soak> {
  const replica = await startReplica({ port: 0, accounts: [] });
  let world: World;
  try {
    world = await secondProfile(replica);
  } catch (e) {
    await replica.stop();
    throw e;
  }
  // As fast as the options allow (bulk-suite does the same): the soak is about faults, not pace.
  await world.setOptions({ maxInFlight: 8, maxPerSecond: 25 });
  return {
    world,
    run: (seed, log = () => {}) => soakRun(world, scenarioOf(seed), log),
    async close() {
      await world.close();
      await replica.stop();
    },
  };
}

export function summaryLine(results: readonly RunResult[]): string {
  const sum = (f: (r: RunResult) => number) => results.reduce((n, r) => n + f(r), 0);
  return `soak: ${results.length} runs, ${sum((r) => r.lost)} lost, ${sum((r) => r.duplicated)} duplicated, ${sum((r) => r.changed)} stopped as changed, ${sum((r) => r.resumed)} stopped by expiry and resumed`;
}

// ---- the replica's state -----------------------------------------------------------------------

/** One action as the replica holds it: its line in the editor and everything a form carries. */
interface Held {
  line: [string, string];
  full: string;
}

function ownerOf(account: Account, name: string): SetOwner {
  const p = account.state.products.find((x) => x.name === name);
  if (p) return { kind: 'product', productId: p.id };
  if (name === 'Successful Purchase Action')
    return { kind: 'trigger', trigger: 'successfulPurchase' };
  throw new Error(`no set ${name}`);
}

function held(account: Account, names: readonly string[]): Map<string, Held[]> {
  const lines = replicaSets(account);
  return new Map(
    names.map((n) => {
      const ls = lines.get(n) ?? [];
      const actions = account.actionsOf(ownerOf(account, n));
      return [
        n,
        actions.map((a, i) => ({
          line: ls[i] as [string, string],
          full: JSON.stringify([a.type, a.config, a.rules]),
        })),
      ];
    }),
  );
}

/** What a target must hold after the run: its lines, and (where known) every form's content. */
interface Want {
  lines: Lines;
  full?: string[];
}

const wantOf = (h: Held[]): Want => ({ lines: h.map((x) => x.line), full: h.map((x) => x.full) });

function judge(name: string, want: Want, got: Held[], r: RunResult) {
  const count = (xs: Lines) => {
    const m = new Map<string, number>();
    for (const [l, s] of xs) m.set(`${l} | ${s}`, (m.get(`${l} | ${s}`) ?? 0) + 1);
    return m;
  };
  const w = count(want.lines);
  const g = count(got.map((x) => x.line));
  const lost = [...w].filter(([k, n]) => (g.get(k) ?? 0) < n).map(([k]) => k);
  const dup = [...g].filter(([k, n]) => n > (w.get(k) ?? 0) && (w.get(k) ?? 0) > 0).map(([k]) => k);
  const extra = [...g].filter(([k]) => !w.has(k)).map(([k]) => k);
  if (lost.length) {
    r.lost++;
    r.problems.push(`${name}: lost ${lost.join('; ')}`);
  }
  if (dup.length) {
    r.duplicated++;
    r.problems.push(`${name}: duplicated ${dup.join('; ')}`);
  }
  if (extra.length) r.problems.push(`${name}: unexpected ${extra.join('; ')}`);
  if (!lost.length && !dup.length && !extra.length) {
    if (JSON.stringify(want.lines) !== JSON.stringify(got.map((x) => x.line)))
      r.problems.push(`${name}: actions in another order than expected`);
    else if (want.full && JSON.stringify(want.full) !== JSON.stringify(got.map((x) => x.full)))
      r.problems.push(`${name}: a form's configuration or rules differ from the expected state`);
  }
}

/**
 * Whether going from `b` to `w` deletes (the editor deletes everything after the longest common
 * prefix) an action with a dangling reference, which no form could save again.
 */
function deletesUnrecoverable(account: Account, name: string, b: Held[], w: Want): boolean {
  let k = 0;
  while (
    k < b.length &&
    k < w.lines.length &&
    JSON.stringify(b[k]?.line) === JSON.stringify(w.lines[k])
  )
    k++;
  const actions = account.actionsOf(ownerOf(account, name));
  return actions.slice(k).some((a) => danglingFields(a, account.state).length > 0);
}

/** A generated account with a three-action Successful Purchase set (copied from a product). */
function createAccount(world: World, s: Scenario): { account: Account; source: Lines } {
  for (let g = 0; ; g++) {
    const account = world.replica.createAccount({
      app: s.app,
      dialect: s.dialect,
      seed: { generate: { products: s.targets + 8, maxActions: 4, seed: s.seed * 101 + g } },
    });
    const successful: SetOwner = { kind: 'trigger', trigger: 'successfulPurchase' };
    const donor = account.state.actionSets.find(
      (x) => x.owner.kind === 'product' && x.actionIds.length === 3,
    );
    if (!donor && g < 50) continue;
    if (!donor) throw new Error('no generated account with a three-action product');
    for (const a of account.actionsOf(successful)) account.deleteAction(successful, a.id);
    account.copySet(donor.owner, successful);
    return { account, source: replicaSets(account).get('Successful Purchase Action') ?? [] };
  }
}

/** A colleague's edit in the CRM itself: one more action, one fewer, or rules only a form shows. */
function colleagueEdits(account: Account, name: string, rng: Rng): string {
  const owner = ownerOf(account, name);
  const mine = account.actionsOf(owner);
  const how = mine.length === 0 ? 'add' : pick(rng, ['add', 'delete', 'rules'] as const);
  if (how === 'delete') {
    const a = pick(rng, mine);
    account.deleteAction(owner, a.id);
    return `${name}: deleted an action`;
  }
  if (how === 'rules') {
    const a = pick(rng, mine);
    account.saveAction(
      owner,
      a.id,
      a.type,
      a.config,
      a.rules
        ? null
        : { match: 'any', criteria: [{ field: 'Email', operator: 'eq', value: 'colleague' }] },
    );
    return `${name}: changed an action's rules`;
  }
  const others = account.state.actions.filter((a) => !mine.some((m) => m.id === a.id));
  const model = pick(rng, others);
  account.saveAction(owner, null, model.type, structuredClone(model.config), null);
  return `${name}: added an action`;
}

/** An admin's hand changes after the snapshot, so that a restore has something to put back. */
function handChanges(account: Account, names: readonly string[], rng: Rng): number {
  let changed = 0;
  for (const n of names) {
    if (rng() < 0.2) continue;
    changed++;
    const owner = ownerOf(account, n);
    const mine = account.actionsOf(owner);
    if (mine.length > 0 && rng() < 0.5) account.deleteAction(owner, pick(rng, mine).id);
    else account.copySet({ kind: 'trigger', trigger: 'successfulPurchase' }, owner);
  }
  return changed;
}

// ---- the admin, in the browser -----------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The account's Actions page in a new tab, logged in, once the toolbar has read it. (Not
 * popup.ts's openActionsPage: that one asserts with vitest, and the soak also runs as a script.)
 */
async function openPage(world: World, app: string): Promise<Page> {
  const account = world.replica.accounts.get(app);
  if (!account) throw new Error(`no account ${app}`);
  await world.login(app);
  const page = await world.open(app, dialectOf(account).paths.actions);
  const bar = await toolbar(page);
  await bar.getByRole('region', { name: 'Purchase Actions Toolkit' }).waitFor();
  await bar
    .getByTestId('pat-sets')
    .filter({ hasText: /^\d+ action sets/ })
    .waitFor({ timeout: 15_000 });
  return page;
}

const NO_FAULTS = { error5xxRate: 0, rate429: 0, dropRate: 0, latencyMs: 0 };

async function takeSnapshot(page: Page) {
  const bar = await toolbar(page);
  await bar.getByRole('button', { name: 'Take snapshot' }).click();
  for (let i = 0; i < 600; i++) {
    if ((await bar.getByTestId('pat-snapshot').textContent())?.includes('Snapshot saved')) return;
    await sleep(100);
  }
  throw new Error('the snapshot was not saved');
}

/** The dialog up to the preview: the Successful Purchase set (or a restore) to `targets`. */
async function preview(page: Page, app: string, kind: Kind, targets: readonly string[]) {
  await (await toolbar(page)).getByRole('button', { name: 'Bulk copy', exact: true }).click();
  const f = await toolkitFrame(page, 'bulk-copy');
  const d = await dialog(page);
  await d.waitFor({ timeout: 30_000 });
  if (kind === 'restore') {
    await d
      .locator('label.pat-bc-option')
      .filter({ hasText: 'Restore: each chosen set' })
      .filter({ hasText: `${app}, ` })
      .locator('input')
      .check();
  } else {
    await d.getByRole('radio', { name: 'Successful Purchase Action', exact: true }).check();
  }
  await d.getByRole('button', { name: 'Next' }).click();
  for (const name of targets) {
    await d
      .locator('label.pat-bc-option')
      .filter({ has: f.getByText(name, { exact: true }) })
      .locator('input[type="checkbox"]')
      .check();
  }
  await d.getByRole('button', { name: 'Next' }).click();
  await d
    .getByRole('radio', {
      name:
        kind === 'add'
          ? "Add the source's actions (skip ones a target already has)"
          : "Replace the target's actions",
    })
    .check();
  await d.getByRole('button', { name: 'Preview' }).click();
  await d.getByTestId('pat-bc-counts').waitFor({ timeout: 60_000 });
  return d;
}

/** The report's rows: set name -> what the Result column says. */
async function reportStates(d: Locator): Promise<Map<string, string>> {
  const rows = await d
    .getByTestId('pat-bc-report')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.children[0]?.textContent ?? '', tr.children[1]?.textContent ?? '']),
    );
  return new Map(rows as [string, string][]);
}

interface Driving {
  s: Scenario;
  world: World;
  account: Account;
  r: RunResult;
  page: Page;
  d: Locator;
  rng: Rng;
  /** A product outside the job: the second tab's copy must not reach it. */
  bystander: string;
  faults: Scenario['faults'];
}

const handled = (text: string) =>
  ['done', 'failed', 'skipped', 'changed since the preview', 'left alone']
    .map((w) => Number(new RegExp(`(\\d+) ${w}`).exec(text)?.[1] ?? 0))
    .reduce((a, b) => a + b, 0);

/** An enabled button (a disabled Resume means a call is still in flight). */
async function button(d: Locator, name: string): Promise<boolean> {
  return (await d.getByRole('button', { name, exact: true, disabled: false }).count()) > 0;
}

/** Fresh Actions page of the account (faults held off while it loads, like a page reload). */
async function freshPage(x: Driving): Promise<Page> {
  x.account.setFaults(NO_FAULTS);
  try {
    return await openPage(x.world, x.s.app);
  } finally {
    x.account.setFaults(x.faults);
  }
}

/** A second tab of the same account while the job runs: told where it runs, refused a start. */
async function secondTab(x: Driving) {
  // Paused, the job still holds the account (its call has not returned): the window is certain.
  const paused = await x.d
    .getByRole('button', { name: 'Pause', exact: true })
    .click({ timeout: 2000 })
    .then(
      () => true,
      () => false,
    );
  if (!paused) {
    x.r.notes.push('second tab: the job had finished');
    return;
  }
  x.account.setFaults(NO_FAULTS);
  const page = await openPage(x.world, x.s.app);
  try {
    const bar = await toolbar(page);
    const elsewhere = await bar
      .getByTestId('pat-elsewhere')
      .waitFor({ timeout: 15_000 })
      .then(
        () => true,
        () => false,
      );
    if (!elsewhere) x.r.problems.push('second tab: no "running in another tab" on its toolbar');
    if (await bar.getByRole('button', { name: 'Resume the interrupted bulk copy' }).count())
      x.r.problems.push('second tab: offered Resume of a job running in another tab');
    const d2 = await preview(page, x.s.app, 'replace', [x.bystander]);
    const copy = d2.getByRole('button', { name: /^Copy to / });
    if ((await copy.count()) && (await copy.isEnabled())) {
      await copy.click();
      const refused = await d2
        .getByRole('alert')
        .filter({ hasText: /another tab/i })
        .waitFor({ timeout: 15_000 })
        .then(
          () => true,
          () => false,
        );
      if (!refused) {
        const shown = (await d2.textContent())?.slice(0, 300);
        x.r.problems.push(`second tab: starting a job was not refused (${shown})`);
      }
    } else x.r.notes.push('second tab: its preview had nothing to copy');
    x.r.notes.push('second tab refused');
  } finally {
    await page.close();
    x.account.setFaults(x.faults);
  }
  const resume = x.d.getByRole('button', { name: 'Resume', exact: true });
  if (!(await resume.count())) return;
  const resumed = await resume.click({ timeout: 5000 }).then(
    () => true,
    () => false,
  );
  if (!resumed) {
    x.r.problems.push('Pause, then Resume in the same dialog: Resume stays disabled');
    // What is left to an admin: close the tab, and Resume from a new one.
    await x.page.close();
    await reopenAndResume(x);
  }
}

/** After the tab closed: a new tab, "Resume the interrupted bulk copy", Resume. */
async function reopenAndResume(x: Driving) {
  // A new tab logs in again: an ended session comes back with it.
  x.page = await freshPage(x);
  const offer = (await toolbar(x.page)).getByRole('button', {
    name: 'Resume the interrupted bulk copy',
  });
  // Offered once the background has seen the old tab go (its lock is released).
  await offer.waitFor({ timeout: 30_000 });
  await offer.click();
  x.d = await dialog(x.page);
  const resume = x.d.getByRole('button', { name: 'Resume', exact: true });
  await resume.waitFor({ timeout: 30_000 });
  await resume.click();
}

/**
 * Drives one job to its end as an admin would: logs in again and resumes after an ended session,
 * resumes from a new tab after a closed one, retries failed sets (faults off, as after a
 * transient outage). Fires the scenario's events for `phase` on the way.
 */
async function drive(x: Driving, phase: Phase) {
  const started = Date.now();
  let expiry = x.s.expiry?.phase === phase ? x.s.expiry : null;
  let close = x.s.closeTab?.phase === phase ? x.s.closeTab : null;
  let second = phase === 'job' ? x.s.secondTab : null;
  let spike = phase === 'job' ? x.s.spike : null;
  let spiking = false;
  let expired = false;
  let retries = 0;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`the ${phase} did not finish in 4 minutes`);
    let text = (await runCounts(x.d).catch(() => null)) ?? '';
    const n = handled(text);
    const elapsed = Date.now() - started;
    if (spike && !spiking && elapsed >= spike.atMs) {
      x.account.setFaults({ latencyMs: spike.latencyMs });
      spiking = true;
      x.r.notes.push(`${phase}: latency spike`);
    }
    if (spike && spiking && elapsed >= spike.atMs + spike.forMs) {
      x.account.setFaults({ latencyMs: x.faults.latencyMs });
      spike = null;
    }
    const resumable = await button(x.d, 'Resume');
    const finished =
      (await x.d.getByRole('button', { name: 'Resume', exact: true }).count()) === 0 &&
      (await button(x.d, 'Export report (CSV)'));
    const running = !resumable && !finished;
    if (running && expiry && n >= expiry.after) {
      expiry = null;
      x.account.expireSessions();
      expired = true;
      x.r.notes.push(`${phase}: sessions ended after ${n} sets`);
      await sleep(150);
      continue;
    }
    if (running && close && n >= close.after) {
      close = null;
      await x.page.close();
      x.r.notes.push(`${phase}: tab closed after ${n} sets`);
      await reopenAndResume(x);
      if (expired) {
        x.r.resumed++;
        expired = false;
      }
      continue;
    }
    if (running && !expired && second && n >= second.after) {
      second = null;
      await secondTab(x);
      continue;
    }
    if (resumable) {
      const message = (await x.d.getByTestId('pat-bc-run-message').textContent()) ?? '';
      if (/session has ended/.test(message)) {
        await x.world.login(x.s.app);
        if (expired) x.r.resumed++;
        expired = false;
      } else if (!/Paused/.test(message)) {
        x.r.notes.push(`${phase}: stopped ("${message.slice(0, 120)}"), resumed`);
      }
      await x.d
        .getByRole('button', { name: 'Resume', exact: true })
        .click({ timeout: 5000 })
        .catch(() => {});
      await sleep(300);
      continue;
    }
    if (finished) {
      // The buttons were read one by one: a job that stopped in between shows Resume now.
      await sleep(200);
      if ((await x.d.getByRole('button', { name: 'Resume', exact: true }).count()) > 0) continue;
      text = (await runCounts(x.d)) ?? '';
      const failed = Number(/(\d+) failed/.exec(text)?.[1] ?? 0);
      const left = Number(/(\d+) left/.exec(text)?.[1] ?? 0);
      if (failed > 0 && retries < 3) {
        retries++;
        x.account.setFaults(NO_FAULTS);
        x.faults = { ...x.faults, ...NO_FAULTS };
        x.r.notes.push(`${phase}: ${failed} failed, retried without faults`);
        await x.d.getByRole('button', { name: 'Retry failed only' }).click();
        await x.d
          .getByRole('button', { name: 'Export report (CSV)' })
          .waitFor({ state: 'detached', timeout: 3000 })
          .catch(() => {});
        continue;
      }
      if (failed > 0 || left > 0) {
        const message = (await x.d.getByTestId('pat-bc-run-message').textContent()) ?? '';
        x.r.problems.push(`${phase}: ended with "${text}" (${message.slice(0, 200)})`);
      }
      if (expired) x.r.notes.push(`${phase}: the job ended before the ended session was seen`);
      x.account.setFaults({ latencyMs: x.faults.latencyMs });
      return;
    }
    await sleep(150);
  }
}

async function soakRun(world: World, s: Scenario, log: (line: string) => void): Promise<RunResult> {
  const t0 = Date.now();
  const r: RunResult = {
    seed: s.seed,
    lost: 0,
    duplicated: 0,
    changed: 0,
    resumed: 0,
    problems: [],
    notes: [],
    ms: 0,
  };
  const rng = mulberry32(s.seed ^ 0x5eed);
  const { account, source } = createAccount(world, s);
  const products = account.state.products.map((p) => p.name);
  const shuffled = [...products].sort(() => rng() - 0.5);
  const targets = shuffled.slice(0, s.targets);
  const bystander = shuffled[s.targets] as string;
  const watched = [...targets, bystander];
  log(
    `run seed=${s.seed} ${s.kind}${s.undo ? '+undo' : ''} ${s.dialect} targets=${targets.length} faults=${JSON.stringify(s.faults)}${s.spike ? ' spike' : ''}${s.colleague ? ` colleague=${s.colleague.count}@${s.colleague.phase}/${s.colleague.when}` : ''}${s.expiry ? ` expiry@${s.expiry.phase}:${s.expiry.after}` : ''}${s.closeTab ? ` close@${s.closeTab.phase}:${s.closeTab.after}` : ''}${s.secondTab ? ` secondTab@${s.secondTab.after}` : ''}`,
  );

  let page = await openPage(world, s.app);
  try {
    // A restore puts back the snapshot taken now, after an admin's hand changes.
    let snapshot: Map<string, Held[]> | null = null;
    if (s.kind === 'restore') {
      await takeSnapshot(page);
      snapshot = held(account, watched);
      r.notes.push(
        `restore: ${handChanges(account, targets, rng)} sets changed by hand since the snapshot`,
      );
    }
    const before = held(account, watched);
    const want = new Map<string, Want>(watched.map((n) => [n, wantOf(before.get(n) ?? [])]));
    // Add mode skips only an action that is already there in every field (type, settings,
    // rules): one with the same summary but other settings is another action, and is added.
    const sourceHeld =
      held(account, ['Successful Purchase Action']).get('Successful Purchase Action') ?? [];
    const addTo = (b: Held[]): Want => {
      const have = new Map<string, number>();
      for (const h of b) have.set(h.full, (have.get(h.full) ?? 0) + 1);
      const missing = sourceHeld.filter((h) => {
        const n = have.get(h.full) ?? 0;
        if (n > 0) have.set(h.full, n - 1);
        return n === 0;
      });
      return wantOf([...b, ...missing]);
    };
    // A target the plan would delete an action from that the account could not add back (it
    // names a deleted subscription, say) is never written: it stays as it is, reported skipped.
    const unrecoverable = new Set<string>();
    for (const n of targets) {
      const b = before.get(n) ?? [];
      const w: Want = snapshot
        ? wantOf(snapshot.get(n) ?? [])
        : s.kind === 'add'
          ? addTo(b)
          : {
              lines: expected(
                b.map((h) => h.line),
                source,
                'replace',
              ),
            };
      // A set that needs no change is never touched: all of it stays.
      if (JSON.stringify(w.lines) === JSON.stringify(b.map((h) => h.line))) continue;
      if (deletesUnrecoverable(account, n, b, w)) {
        unrecoverable.add(n);
        r.notes.push(`${n}: holds an action the account could not add back; expected skipped`);
        continue;
      }
      want.set(n, w);
    }
    // Targets the job writes to (the rest need no change, so the job never touches them).
    const writes = targets.filter(
      (n) =>
        JSON.stringify(want.get(n)?.lines) !== JSON.stringify(before.get(n)?.map((h) => h.line)),
    );
    const colleagueOn = new Set<string>();
    const colleague = (phase: Phase, when: 'before-preview' | 'after-preview', pool: string[]) => {
      const c = s.colleague;
      if (!c || c.phase !== phase || c.when !== when) return;
      const chosen = [...pool].sort(() => rng() - 0.5).slice(0, c.count);
      for (const n of chosen) {
        r.notes.push(`colleague (${phase}): ${colleagueEdits(account, n, rng)}`);
        colleagueOn.add(n);
      }
    };

    // ---- the job --------------------------------------------------------------------------------
    const d = await preview(page, s.app, s.kind, targets);
    r.notes.push(
      `preview: ${(await d.getByTestId('pat-bc-counts').innerText()).replace(/\s+/g, ' ')}; expected writes: ${writes.length}`,
    );
    colleague('job', 'after-preview', writes);
    for (const n of colleagueOn) want.set(n, wantOf(held(account, [n]).get(n) ?? []));
    const x: Driving = { s, world, account, r, page, d, rng, bystander, faults: { ...s.faults } };
    account.setFaults({ ...s.faults, seed: s.seed });
    const copy = d.getByRole('button', { name: /^Copy to / });
    if (writes.length > 0) {
      await copy.click();
      await drive(x, 'job');
      const states = await reportStates(x.d);
      for (const n of unrecoverable) {
        if (!colleagueOn.has(n) && states.get(n) !== 'Skipped')
          r.problems.push(
            `${n}: holds an action that cannot be added back, the report says "${states.get(n)}"`,
          );
      }
      for (const n of colleagueOn) {
        if (states.get(n) !== 'Changed since the preview')
          r.problems.push(`${n}: a colleague changed it, the report says "${states.get(n)}"`);
      }
      for (const [n, st] of states) {
        if (st === 'Changed since the preview') {
          r.changed++;
          if (!colleagueOn.has(n)) r.problems.push(`${n}: stopped as changed, nobody changed it`);
        }
      }
    } else r.notes.push('the preview found nothing to write');
    account.setFaults(NO_FAULTS);
    const afterJob = held(account, watched);
    for (const n of watched) judge(n, want.get(n) as Want, afterJob.get(n) ?? [], r);

    // ---- undo -----------------------------------------------------------------------------------
    if (s.undo && writes.length > 0) {
      // After the undo, every set the job wrote is as it was before the job; what a colleague
      // changed keeps the colleague's state.
      const undoWant = new Map<string, Want>(
        watched.map((n) => [
          n,
          colleagueOn.has(n) ? wantOf(afterJob.get(n) ?? []) : wantOf(before.get(n) ?? []),
        ]),
      );
      const written = writes.filter((n) => !colleagueOn.has(n));
      const colleagueBefore = colleagueOn.size;
      colleague('undo', 'before-preview', written);
      await x.d.getByRole('button', { name: 'Undo…' }).click();
      const go = x.d.getByRole('button', { name: /^Undo changes to / });
      await go.waitFor({ timeout: 60_000 });
      colleague('undo', 'after-preview', written);
      const undoColleague = [...colleagueOn].slice(colleagueBefore);
      for (const n of undoColleague) undoWant.set(n, wantOf(held(account, [n]).get(n) ?? []));
      x.faults = { ...s.faults };
      account.setFaults({ ...s.faults, seed: s.seed + 1 });
      if (await go.isEnabled()) {
        await go.click();
        await go.waitFor({ state: 'detached' });
        await x.d.getByRole('heading', { name: 'Undo', exact: true }).waitFor();
        await drive(x, 'undo');
        const states = await reportStates(x.d);
        for (const n of undoColleague) {
          if (!/^Changed since/.test(states.get(n) ?? ''))
            r.problems.push(`${n}: a colleague changed it, the undo says "${states.get(n)}"`);
        }
        for (const [n, st] of states) {
          if (/^Changed since/.test(st)) {
            // A set the colleague changed before the job is listed again here, as left alone.
            if (undoColleague.includes(n)) r.changed++;
            if (!colleagueOn.has(n))
              r.problems.push(`${n}: undo stopped it as changed, nobody changed it`);
          }
        }
      } else r.notes.push('undo: nothing to undo');
      account.setFaults(NO_FAULTS);
      const afterUndo = held(account, watched);
      for (const n of watched)
        judge(`${n} (undo)`, undoWant.get(n) as Want, afterUndo.get(n) ?? [], r);
    }
    page = x.page;
  } catch (e) {
    r.problems.push(
      `the run did not finish: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
    // What the admin would have seen, for the log.
    for (const p of world.context.pages()) {
      if (!p.url().includes(`${s.app}.infusionsoft.com`)) continue;
      for (const f of p.frames().filter((f) => f.url().includes('/toolkit-frame.html#'))) {
        const text = await f
          .locator('body')
          .innerText({ timeout: 2000 })
          .catch(() => '');
        r.notes.push(`screen: ${text?.replace(/\s+/g, ' ').slice(0, 1500)}`);
      }
    }
  } finally {
    account.setFaults(NO_FAULTS);
    for (const p of world.context.pages()) {
      if (p.url().includes(`${s.app}.infusionsoft.com`)) await p.close().catch(() => {});
    }
  }
  r.ms = Date.now() - t0;
  log(
    `  seed=${s.seed}: ${r.lost} lost, ${r.duplicated} duplicated, ${r.changed} changed, ${r.resumed} resumed, ${(r.ms / 1000).toFixed(1)} s${r.notes.length ? `\n    ${r.notes.join('\n    ')}` : ''}${r.problems.length ? `\n  PROBLEMS:\n    ${r.problems.join('\n    ')}` : ''}`,
  );
  return r;
}
