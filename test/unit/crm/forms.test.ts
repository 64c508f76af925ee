import { describe, expect, it } from 'vitest';
import { fieldsByLabel, formFields, pickByText } from '@/lib/crm/forms';

const form = (html: string): HTMLFormElement => {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return doc.querySelector('form') as HTMLFormElement;
};

// Odd but legal markup: captions in table cells, label[for], wrapping labels, legends, codes that
// differ from the texts, a required marker, a disabled field and a named submit button.
const ODD = `<form method="post" action="/x/save?from=list">
<input type="hidden" name="tok" value="s3cr3t">
<table><tr><td>Tag:</td><td><select name="t"><option value="">Please select</option><option value="7">Buyer</option><option value="9" selected>VIP</option></select></td></tr>
<tr><td><label for="n">Note *</label></td><td><textarea id="n" name="note">two
lines</textarea></td></tr></table>
<label><input type="checkbox" name="charge"> Auto Charge this order</label>
<label><input type="checkbox" name="tax" value="1" checked> Charge tax</label>
<fieldset><legend>Tag action</legend><label><input type="radio" name="m" value="a" checked> Apply</label><label><input type="radio" name="m" value="r"> Remove</label></fieldset>
<select name="p" multiple aria-label="Products"><option value="1" selected>Mitt</option><option value="2">Kit</option><option value="3" selected>Shock</option></select>
<input type="text" name="off" value="x" disabled aria-label="Off">
<input type="text" name="u" id="u" value="https://a.example/?q=1&amp;r=2"><label for="u">Post URL</label>
<input type="submit" name="op" value="Save"><input type="submit" name="op" value="Cancel">
</form>`;

describe('formFields', () => {
  it('submits what a browser would: hidden token, checked boxes, chosen options, the clicked button', () => {
    const f = form(ODD);
    const save = f.querySelector('input[value="Save"]');
    expect([...formFields(f, save)]).toEqual([
      ['tok', 's3cr3t'],
      ['t', '9'],
      ['note', 'two\nlines'],
      ['tax', '1'],
      ['m', 'a'],
      ['p', '1'],
      ['p', '3'],
      ['u', 'https://a.example/?q=1&r=2'],
      ['op', 'Save'],
    ]);
  });

  it('submits the first option of a single select with nothing selected, and "on" for a bare checkbox', () => {
    const f = form(
      '<form><select name="s"><option value="a">A</option><option value="b">B</option></select><input type="checkbox" name="c" checked></form>',
    );
    expect(formFields(f).toString()).toBe('s=a&c=on');
  });
});

describe('fieldsByLabel', () => {
  it('names every visible control by its caption, with values as the user sees them', () => {
    const fields = fieldsByLabel(form(ODD));
    expect(fields.map((f) => [f.label, f.kind, f.value])).toEqual([
      ['Tag', 'select', 'VIP'],
      ['Note', 'textarea', 'two\nlines'],
      ['Auto Charge this order', 'checkbox', false],
      ['Charge tax', 'checkbox', true],
      ['Tag action', 'radio', 'Apply'],
      ['Products', 'multiselect', ['Mitt', 'Shock']],
      ['Off', 'text', 'x'],
      ['Post URL', 'text', 'https://a.example/?q=1&r=2'],
    ]);
    expect(fields[0]?.choices).toEqual(['Buyer', 'VIP']);
  });

  it('sets by visible text and reports texts with no choice without changing anything', () => {
    const f = form(ODD);
    const by = (l: string) => fieldsByLabel(f).find((x) => x.label === l);
    expect(by('Tag')?.set('buyer')).toEqual([]);
    expect(by('Tag action')?.set('Remove')).toEqual([]);
    expect(by('Products')?.set(['Kit', 'Nope'])).toEqual(['Nope']);
    expect(by('Auto Charge this order')?.set(true)).toEqual([]);
    expect(by('Tag')?.set('Gold')).toEqual(['Gold']);
    const sent = formFields(f);
    expect(sent.get('t')).toBe('7');
    expect(sent.get('m')).toBe('r');
    expect(sent.getAll('p')).toEqual(['1', '3']);
    expect(sent.get('charge')).toBe('on');
    expect(by('Tag')?.set('')).toEqual([]);
    expect(formFields(f).get('t')).toBe('');
  });
});

describe('pickByText', () => {
  it('prefers an exact text, accepts one case-blind match, refuses two', () => {
    const id = (s: string) => s;
    expect(pickByText(['VIP', 'vip'], id, 'vip')).toBe('vip');
    expect(pickByText(['VIP', 'Buyer'], id, ' vip ')).toBe('VIP');
    expect(pickByText(['Vip', 'VIP'], id, 'vIp')).toBeUndefined();
  });
});
