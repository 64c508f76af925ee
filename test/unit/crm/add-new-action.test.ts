// "Add New Action" as legacy pages lay it out: in a form, or a select that navigates on change,
// captioned by a <label> or by the table cell before it (issue 13). Following the navigation is a
// read (it only opens a form); any onchange other than "go to '<literal>' + the value" is refused.
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, type Check, capabilities } from '@/lib/crm/account-check';
import { findAddNewAction, navigationFor, parseValueNavigation } from '@/lib/crm/add-new-action';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const OPTIONS =
  '<option value="">-- Select --</option><option value="11">Apply/Remove Tag</option><option value="12">Send an email</option><option value="13">Create An Order</option>';

describe('parseValueNavigation', () => {
  it.each([
    [
      "if (this.value) location.href = '/ed?v=add&t=' + encodeURIComponent(this.value);",
      '/ed?v=add&t=',
    ],
    ["location.href='/ed?t='+this.value", '/ed?t='],
    ["window.location = '/ed?t=' + this.value;", '/ed?t='],
    ["location.assign('/ed?t=' + encodeURIComponent(this.value))", '/ed?t='],
    ['if (this.value) { window.location.href = "/ed?t=" + this.value; }', '/ed?t='],
  ])('follows %s', (script, prefix) => {
    expect(parseValueNavigation(script)).toBe(prefix);
  });

  it.each([
    'if (this.value) this.form.submit();',
    'location.href = base + this.value;',
    "location.href = '/ed?t=' + this.value; post(this.value);",
    "location.href == '/ed?t=' + this.value",
    "location.href = '/ed?t=' + other.value",
    "doSomething('/ed?t=' + this.value)",
    '',
  ])('refuses %s', (script) => {
    expect(parseValueNavigation(script)).toBeNull();
  });

  it('reads a long hostile handler in linear time', () => {
    const script = `location.href = '${'\\\\'.repeat(5000)}${"'".repeat(1)} + ${'x'.repeat(5000)}`;
    const meter = { steps: 0 };
    parseValueNavigation(script, meter);
    expect(meter.steps).toBeLessThan(script.length * 4);
  });
});

describe('findAddNewAction', () => {
  it('finds a select in a GET form by its <label>', () => {
    const doc = parse(
      `<form method="get" action="/ed"><label for="a">Add New Action</label><select id="a" name="t">${OPTIONS}</select><input type="submit" value="Go"></form>`,
    );
    expect(findAddNewAction(doc)?.kind).toBe('form');
  });

  it('finds a navigating select captioned by the cell before it, and where a type leads', () => {
    const doc = parse(
      `<table><tr><td>Add new action</td><td><select onchange="if (this.value) location.href = '/ed?set=3&amp;t=' + encodeURIComponent(this.value);">${OPTIONS}</select></td></tr></table>`,
    );
    const add = findAddNewAction(doc);
    expect(add?.kind).toBe('navigate');
    if (!add) return;
    expect(navigationFor(add, 'Send an email', 'https://x.infusionsoft.com/ed?set=3')).toBe(
      'https://x.infusionsoft.com/ed?set=3&t=12',
    );
    expect(navigationFor(add, 'Send a Fax', 'https://x.infusionsoft.com/ed')).toBeNull();
  });

  it('marks a navigating select whose script it cannot follow', () => {
    const doc = parse(
      `<label for="a">Add New Action</label><select id="a" onchange="go(this)">${OPTIONS}</select>`,
    );
    const add = findAddNewAction(doc);
    expect(add).toMatchObject({ kind: 'navigate', prefix: null });
  });

  it('is null where nothing is labelled "Add New Action"', () => {
    expect(findAddNewAction(parse(`<select>${OPTIONS}</select>`))).toBeNull();
  });
});

describe('the snapshot needs "Add New Action"', () => {
  it('is "Sets only" without it: the named action sets are read from its form', () => {
    const checks: Check[] = CHECK_IDS.map((id) => ({
      id,
      label: id,
      state: id === 'add-new-action' ? 'failed' : 'passed',
      detail: 'x',
    }));
    const snapshot = capabilities(checks).find((c) => c.feature === 'snapshot');
    expect(snapshot?.status).toBe('partial');
    expect(snapshot?.missing).toEqual(['add-new-action']);
  });
});
