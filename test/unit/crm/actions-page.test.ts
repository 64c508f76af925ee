import { describe, expect, it } from 'vitest';
import { readActionsPage } from '@/lib/crm/actions-page';
import { detectPage } from '@/lib/crm/detect';

const page = (body: string) => new DOMParser().parseFromString(`<body>${body}</body>`, 'text/html');

// Markup neither replica dialect uses: rows as list items, counts as "N actions", a product
// whose name ends in "(2)", and a select listing every set (which must not count as rows).
const ODD = `
  <h2>Default Settings</h2>
  <ul>
    <li><span>On Login (Multi-Step Cart)</span> <button>Actions</button> <em>0 actions</em></li>
    <li><span>Contact Creation Action</span> <button>Actions</button> <em>1 action</em></li>
    <li><span>Successful Purchase Action</span> <button>Actions</button> <em>2 actions</em></li>
    <li><span>Failed Purchase Action</span> <button>Actions</button> <em>0 actions</em></li>
    <li><span>Error Purchase Action</span> <button>Actions</button> <em>3 actions</em></li>
  </ul>
  <h2>Products</h2>
  <input type="text" placeholder="start typing">
  <select><option>Successful Purchase Action</option><option>Kit (2)</option></select>
  <div class="p"><span>Kit (2)</span><a href="#">Actions</a><i>4 actions</i></div>
  <div class="p"><span>&lt;img src=x onerror=alert(1)&gt;</span><a href="#">Actions</a><i>1 action</i></div>
  <footer>Build 1.70.0.989251-sysarch-202608031100</footer>`;

describe('readActionsPage on unfamiliar markup', () => {
  const doc = page(ODD);
  const read = readActionsPage(doc);
  it('finds the five Default Settings rows with their counts', () => {
    expect(read?.defaults.map((d) => [d.ref, d.count])).toEqual([
      [{ kind: 'default', trigger: 'onLogin' }, 0],
      [{ kind: 'default', trigger: 'contactCreation' }, 1],
      [{ kind: 'default', trigger: 'successful' }, 2],
      [{ kind: 'default', trigger: 'failed' }, 0],
      [{ kind: 'default', trigger: 'error' }, 3],
    ]);
  });
  it('reads product names as text, keeping a "(2)" that is part of the name', () => {
    expect(read?.products.map((p) => [p.name, p.count])).toEqual([
      ['Kit (2)', 4],
      ['<img src=x onerror=alert(1)>', 1],
    ]);
  });
  it('reads the build string and the type-ahead box', () => {
    expect(read?.build).toBe('1.70.0.989251-sysarch-202608031100');
    expect(read?.productSearch?.placeholder).toBe('start typing');
  });
  it('is detected as the Actions page', () => {
    expect(detectPage(doc)).toBe('actions');
  });
});

describe('readActionsPage refuses what it cannot read safely', () => {
  it('a page with only three trigger rows is not the Actions page', () => {
    const doc = page(ODD.replace(/<li><span>(On Login|Contact Creation|Error)[\s\S]*?<\/li>/g, ''));
    expect(readActionsPage(doc)).toBeNull();
    expect(detectPage(doc)).toBe('other');
  });
  it('trigger labels without Actions buttons are not the Actions page', () => {
    expect(detectPage(page(ODD.replace(/<button>Actions<\/button>/g, '')))).toBe('other');
  });
  it('the labels inside a <select> alone do not make rows', () => {
    const doc = page(
      `<h2>Default Settings</h2><select>${[
        'On Login (Multi-Step Cart)',
        'Contact Creation Action',
        'Successful Purchase Action',
        'Failed Purchase Action',
        'Error Purchase Action',
      ]
        .map((l) => `<option>${l}</option>`)
        .join('')}</select><button>Actions</button>`,
    );
    expect(detectPage(doc)).toBe('other');
  });
});
