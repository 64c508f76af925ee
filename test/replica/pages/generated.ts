// The pages of a generated (or report-derived) dialect, laid out by its Markup (recipe.ts): the
// same labels, data and behaviour as the hand-written dialects, in markup chosen from a seed.
import type { Ctx } from '../http.ts';
import type { Markup } from '../recipe.ts';
import {
  ACTION_TYPES,
  type ActionTypeDef,
  CONTACT_FIELDS,
  type FieldDef,
  OPERATORS,
  summarize,
} from '../state/action-types.ts';
import {
  type Action,
  type ConfigValue,
  type Rules,
  type SetOwner,
  TRIGGERS,
} from '../state/types.ts';
import { defaultRows, HINT, POPUP_FEATURES, productRows, type SetRow } from './actions-common.ts';
import { type FormInput, options as selectOptions } from './editor-form.ts';
import { copySourceOptions } from './editor-list.ts';
import { attr, esc, hidden, jsString, scriptJson } from './html.ts';
import { page } from './layout.ts';

const m = (ctx: Ctx): Markup => {
  if (!ctx.d.markup) throw new Error('not a generated dialect');
  return ctx.d.markup;
};

/** A label of the CRM's as this dialect prints it (case and spacing), escaped. */
export function label(ctx: Ctx, text: string): string {
  const mk = m(ctx);
  let t = text;
  if (mk.labelCase === 'sentence')
    t = t
      .split(' ')
      .map((w, i) => (i === 0 || /^[A-Z]{2,}|\(|^E-/.test(w) ? w : w.toLowerCase()))
      .join(' ');
  if (mk.labelCase === 'title') t = t.replace(/\b([a-z])/g, (c) => c.toUpperCase());
  const e = esc(t);
  if (mk.spacing === 'double') return e.replaceAll(' ', '  ');
  if (mk.spacing === 'nbsp') return e.replaceAll(' ', '&nbsp;');
  return e;
}

const cls = (ctx: Ctx, name: string) => `${m(ctx).prefix}${name}`;

function submit(ctx: Ctx, caption: string, extra = ''): string {
  return m(ctx).submit === 'input'
    ? `<input type="submit" value="${label(ctx, caption)}" class="${cls(ctx, 'btn')}"${extra}/>`
    : `<button type="submit" class="${cls(ctx, 'btn')}"${extra}>${label(ctx, caption)}</button>`;
}

/** A caption and its control: a `<label>`, or the neighbouring table cell. */
function captioned(ctx: Ctx, caption: string, id: string, control: string): string {
  if (m(ctx).labels === 'cell')
    return `<table class="${cls(ctx, 'fields')}"><tr><td class="${cls(ctx, 'caption')}">${caption}</td><td>${control}</td></tr></table>`;
  return `<label for="${esc(id)}">${caption}</label> ${control}`;
}

// ---- Actions page ----------------------------------------------------------------------------

function refOf(ctx: Ctx, owner: SetOwner): { k: string; r: string } {
  if (owner.kind === 'product') return { k: 'p', r: String(owner.productId) };
  const i = TRIGGERS.findIndex((t) => t.key === owner.trigger);
  return { k: 't', r: ctx.d.recipe?.triggerCodes[i] ?? String(i + 1) };
}

function editorTemplates(ctx: Ctx): { t: string; p: string } {
  const r = ctx.d.recipe;
  if (!r) throw new Error('not a generated dialect');
  const params = (kind: 't' | 'p'): Record<string, string> =>
    r.owner.style === 'split'
      ? { [kind === 't' ? r.owner.trigger : r.owner.product]: '__REF__' }
      : {
          [r.owner.kind]: kind === 't' ? r.owner.triggerKind : r.owner.productKind,
          [r.owner.ref]: '__REF__',
        };
  return {
    t: ctx.link(ctx.d.paths.editor, params('t')),
    p: ctx.link(ctx.d.paths.editor, params('p')),
  };
}

function actionsButton(ctx: Ctx, row: SetRow): string {
  const mk = m(ctx);
  const { k, r } = refOf(ctx, row.owner);
  const caption = label(ctx, 'Actions');
  const call = `openActionSet(${jsString(k)}, ${jsString(r)})`;
  let attrs = '';
  let href = 'javascript:void(0)';
  if (mk.actionsOpen === 'onclick') {
    const url = ctx.link(ctx.d.paths.editor, ctx.d.ownerParams(row.owner));
    const name = `set_${k}${r}`;
    attrs = ` onclick="${attr(`window.open(${jsString(url)}, ${jsString(name)}, ${jsString(POPUP_FEATURES)}); return false;`)}"`;
  } else if (mk.actionsOpen === 'function') attrs = ` onclick="${attr(`${call}; return false;`)}"`;
  else if (mk.actionsOpen === 'delegated') attrs = ` data-set-kind="${k}" data-set-ref="${esc(r)}"`;
  else href = `javascript:${call}`;
  const c = cls(ctx, 'actions-btn');
  if (mk.actionsButton === 'input')
    return `<input type="button" class="${c}" value="${caption}"${attrs}/>`;
  if (mk.actionsButton === 'button')
    return `<button type="button" class="${c}"${attrs}>${caption}</button>`;
  return `<a href="${attr(href)}" class="${c}"${attrs}>${caption}</a>`;
}

function countText(ctx: Ctx, n: number): string {
  const counts = m(ctx).counts;
  if (counts === 'none') return '';
  const t = counts === 'paren' ? `(${n})` : `${n} action${n === 1 ? '' : 's'}`;
  return `<span class="${cls(ctx, 'count')}">${t}</span>`;
}

function rowName(ctx: Ctx, row: SetRow): string {
  if (row.owner.kind === 'trigger') return label(ctx, row.name);
  return `${m(ctx).productPrefix ? 'Product: ' : ''}${esc(row.name)}`;
}

function setRows(ctx: Ctx, rows: SetRow[], first: string): string {
  const mk = m(ctx);
  const one = (r: SetRow) => {
    const { k, r: ref } = refOf(ctx, r.owner);
    const id = `${cls(ctx, 'set')}_${k}${esc(ref)}`;
    const tools = `${actionsButton(ctx, r)} ${countText(ctx, r.count)}`;
    if (mk.layout === 'table')
      return `<tr id="${id}"><td class="${cls(ctx, 'name')}">${rowName(ctx, r)}</td><td class="${cls(ctx, 'tools')}">${tools}</td></tr>`;
    if (mk.layout === 'div')
      return `<div class="${cls(ctx, 'row')}" id="${id}"><span class="${cls(ctx, 'name')}">${rowName(ctx, r)}</span><span class="${cls(ctx, 'tools')}">${tools}</span></div>`;
    return `<li id="${id}"><strong>${rowName(ctx, r)}</strong> ${tools}</li>`;
  };
  const body = rows.map(one).join('\n');
  if (mk.layout === 'table')
    return `<table class="${cls(ctx, 'grid')}"><tr><th>${label(ctx, first)}</th><th>&nbsp;</th></tr>\n${body}</table>`;
  if (mk.layout === 'div') return `<div class="${cls(ctx, 'rows')}">${body}</div>`;
  return `<ul class="${cls(ctx, 'rows')}">${body}</ul>`;
}

export function generatedActionsPage(ctx: Ctx): string {
  const tpl = editorTemplates(ctx);
  const heading = (text: string) => `<h2 class="${cls(ctx, 'heading')}">${label(ctx, text)}</h2>`;
  const body = `<input type="hidden" id="${cls(ctx, 'module')}" value="ecommerceSettings"/>
<h1 class="${cls(ctx, 'title')}">${label(ctx, 'Actions')}</h1>
<div class="${cls(ctx, 'section')}">${heading('Default Settings')}
${setRows(ctx, defaultRows(ctx), 'Trigger')}</div>
<div class="${cls(ctx, 'section')}">${heading('Products')}
<p class="${cls(ctx, 'hint')}">${HINT}</p>
<input type="text" class="${cls(ctx, 'lookup')}" autocomplete="off"/><div class="${cls(ctx, 'suggest')}"></div>
<span class="${cls(ctx, 'note')}">Session timeout: 60 minutes</span>
<div class="${cls(ctx, 'products')}">${setRows(ctx, productRows(ctx), 'Product')}</div></div>`;
  const config = {
    tpl,
    f: POPUP_FEATURES,
    lookup: ctx.link(ctx.d.paths.typeahead),
    q: ctx.d.p.query,
  };
  const scripts = `<script>
var PA = ${scriptJson(config)};
function openActionSet(kind, ref) {
  var url = (kind === 't' ? PA.tpl.t : PA.tpl.p).replace('__REF__', encodeURIComponent(ref));
  window.open(url, 'set_' + kind + ref, PA.f);
}
document.addEventListener('click', function (e) {
  var el = e.target && e.target.closest ? e.target.closest('[data-set-kind]') : null;
  if (!el) return;
  e.preventDefault();
  openActionSet(el.getAttribute('data-set-kind'), el.getAttribute('data-set-ref'));
});
(function () {
  var input = document.querySelector(${jsString(`.${cls(ctx, 'lookup')}`)});
  var box = document.querySelector(${jsString(`.${cls(ctx, 'suggest')}`)});
  input.addEventListener('input', function () {
    if (!input.value) { box.textContent = ''; return; }
    fetch(PA.lookup + (PA.lookup.indexOf('?') < 0 ? '?' : '&') + PA.q + '=' + encodeURIComponent(input.value), { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (list) {
        box.textContent = '';
        list.forEach(function (p) {
          var d = document.createElement('div'); d.textContent = p.name;
          d.addEventListener('click', function () { openActionSet('p', String(p.id)); box.textContent = ''; });
          box.appendChild(d);
        });
      }).catch(function () {});
  });
})();
</script>`;
  return page(ctx, { title: 'Actions', menu: 'actions', body, scripts });
}

// ---- Editor ----------------------------------------------------------------------------------

function ownerHidden(ctx: Ctx, owner: SetOwner): string {
  return Object.entries(ctx.d.ownerParams(owner))
    .map(([k, v]) => hidden(k, v))
    .join('');
}

function postForm(ctx: Ctx, owner: SetOwner, cmd: string, inner: string, c: string): string {
  const d = ctx.d;
  return `<form method="post" action="${esc(ctx.link(d.paths.editorPost))}" class="${cls(ctx, c)}">${hidden(d.tokenField, ctx.session?.token ?? '')}${hidden(d.p.cmd, cmd)}${ownerHidden(ctx, owner)}${inner}</form>`;
}

function editControl(ctx: Ctx, owner: SetOwner, a: Action): string {
  const d = ctx.d;
  const mk = m(ctx);
  if (mk.edit === 'js') return `<a href="javascript:editAction(${a.id})">${label(ctx, 'Edit')}</a>`;
  if (mk.edit === 'get-form')
    return `<form method="get" action="${esc(ctx.link(d.paths.editor))}" class="${cls(ctx, 'edit-form')}">${ownerHidden(ctx, owner)}${hidden(d.p.view, d.p.edit)}${hidden(d.p.actionId, a.id)}${submit(ctx, 'Edit')}</form>`;
  const url = ctx.link(d.paths.editor, {
    ...d.ownerParams(owner),
    [d.p.view]: d.p.edit,
    [d.p.actionId]: String(a.id),
  });
  return `<a href="${esc(url)}" class="${cls(ctx, 'edit')}">${label(ctx, 'Edit')}</a>`;
}

function deleteControl(ctx: Ctx, owner: SetOwner, a: Action): string {
  if (m(ctx).del === 'js')
    return `<a href="javascript:removeAction(${a.id})">${label(ctx, 'Delete')}</a>`;
  return postForm(
    ctx,
    owner,
    ctx.d.cmds.del,
    `${hidden(ctx.d.p.actionId, a.id)}${submit(ctx, 'Delete')}`,
    'delete-form',
  );
}

function actionList(ctx: Ctx, owner: SetOwner): string {
  const mk = m(ctx);
  const s = ctx.account.state;
  const actions = ctx.account.actionsOf(owner);
  const typeLabel = (type: string) => ACTION_TYPES.find((t) => t.key === type)?.label ?? type;
  const rows = actions.map((a) => {
    const id = `${cls(ctx, 'action')}_${a.id}`;
    const tools = [editControl(ctx, owner, a), deleteControl(ctx, owner, a)];
    if (mk.layout === 'table')
      return `<tr id="${id}"><td>${esc(typeLabel(a.type))}</td><td>${esc(summarize(a, s))}</td><td>${tools[0]}</td><td>${tools[1]}</td></tr>`;
    if (mk.layout === 'div')
      return `<div class="${cls(ctx, 'action')}" id="${id}"><span>${esc(typeLabel(a.type))}</span><span>${esc(summarize(a, s))}</span><span class="${cls(ctx, 'tools')}">${tools.join(' ')}</span></div>`;
    return `<li id="${id}"><b>${esc(typeLabel(a.type))}</b> <span>${esc(summarize(a, s))}</span> ${tools.join(' ')}</li>`;
  });
  const empty = 'No actions have been added.';
  if (mk.layout === 'table') {
    const placeholder =
      mk.emptySet === 'row' && !rows.length ? `<tr><td colspan="4">${empty}</td></tr>` : '';
    return `<table class="${cls(ctx, 'actions')}"><tr><th>${label(ctx, 'Action')}</th><th>Details</th><th></th><th></th></tr>\n${rows.join('\n')}${placeholder}</table>${mk.emptySet === 'text' && !rows.length ? `<p>${empty}</p>` : ''}`;
  }
  const placeholder =
    rows.length || mk.emptySet === 'none' ? '' : `<p class="${cls(ctx, 'empty')}">${empty}</p>`;
  if (mk.layout === 'div')
    return `<div class="${cls(ctx, 'actions')}">${rows.join('\n')}</div>${placeholder}`;
  const item =
    mk.emptySet === 'row' && !rows.length ? `<li class="${cls(ctx, 'empty')}">${empty}</li>` : '';
  return `<ol class="${cls(ctx, 'actions')}">${rows.join('\n')}${item}</ol>${mk.emptySet === 'text' ? placeholder : ''}`;
}

function addNew(ctx: Ctx, owner: SetOwner): string {
  const d = ctx.d;
  const id = cls(ctx, 'add-type');
  const opts = ACTION_TYPES.map(
    (t) => `<option value="${esc(d.typeCode(t.key))}">${esc(t.label)}</option>`,
  ).join('');
  if (m(ctx).addNew === 'onchange') {
    const base = ctx.link(d.paths.editor, { ...d.ownerParams(owner), [d.p.view]: d.p.add });
    const go = `if (this.value) location.href = ${jsString(`${base}&${d.p.type}=`)} + encodeURIComponent(this.value);`;
    const select = `<select id="${id}" onchange="${attr(go)}"><option value="">-- Select an action --</option>${opts}</select>`;
    return `<div class="${cls(ctx, 'add')}">${captioned(ctx, label(ctx, 'Add New Action'), id, select)}</div>`;
  }
  const select = `<select id="${id}" name="${esc(d.p.type)}"><option value="">-- Select an action --</option>${opts}</select>`;
  return `<form method="get" action="${esc(ctx.link(d.paths.editor))}" class="${cls(ctx, 'add')}">${ownerHidden(ctx, owner)}${hidden(d.p.view, d.p.add)}
${captioned(ctx, label(ctx, 'Add New Action'), id, select)} ${submit(ctx, 'Go')}</form>`;
}

function copyForm(ctx: Ctx, owner: SetOwner): string {
  const d = ctx.d;
  const id = cls(ctx, 'copy-source');
  const opts = copySourceOptions(ctx, owner);
  const select = `<select id="${id}" name="${esc(d.p.copyFrom)}"><option value="">-- Select an action set --</option>${opts}</select>`;
  return postForm(
    ctx,
    owner,
    d.cmds.copy,
    `${captioned(ctx, label(ctx, 'Copy an existing action set'), id, select)} ${submit(ctx, 'Copy')}`,
    'copy',
  );
}

export function generatedEditorList(ctx: Ctx, owner: SetOwner): string {
  const d = ctx.d;
  const name = ctx.account.ownerName(owner);
  const editBase = ctx.link(d.paths.editor, { ...d.ownerParams(owner), [d.p.view]: d.p.edit });
  const body = `<h1>Actions: ${esc(name)}</h1>
${actionList(ctx, owner)}
<div class="${cls(ctx, 'editor-tools')}">${addNew(ctx, owner)}${copyForm(ctx, owner)}</div>
<div class="${cls(ctx, 'editor-save')}">${postForm(ctx, owner, d.cmds.saveSet, submit(ctx, 'Save'), 'save')}</div>
<input type="hidden" id="${cls(ctx, 'tok')}" value="${esc(ctx.session?.token ?? '')}"/>`;
  // The page functions a `javascript:` Edit or Delete calls.
  const post = {
    action: ctx.link(d.paths.editorPost),
    fields: { [d.p.cmd]: d.cmds.del, ...d.ownerParams(owner) },
    token: d.tokenField,
    id: d.p.actionId,
    tok: cls(ctx, 'tok'),
  };
  const scripts = `<script>
var EDIT_BASE = ${jsString(`${editBase}&${d.p.actionId}=`)};
var DEL = ${scriptJson(post)};
function editAction(id) { location.href = EDIT_BASE + id; }
function removeAction(id) {
  if (!window.confirm('Delete this action?')) return;
  var f = document.createElement('form'); f.method = 'post'; f.action = DEL.action;
  var add = function (n, v) { var i = document.createElement('input'); i.type = 'hidden'; i.name = n; i.value = v; f.appendChild(i); };
  for (var k in DEL.fields) add(k, DEL.fields[k]);
  add(DEL.token, document.getElementById(DEL.tok).value);
  add(DEL.id, String(id));
  document.body.appendChild(f); f.submit();
}
</script>`;
  return page(ctx, { title: `Actions: ${name}`, menu: 'none', bare: true, body, scripts });
}

// ---- One action's form -----------------------------------------------------------------------

function fieldRow(ctx: Ctx, f: FieldDef, value: ConfigValue | undefined): string {
  const name = esc(ctx.d.fieldName(f.name));
  const id = cls(ctx, `f-${f.name}`);
  const list = f.options?.(ctx.account.state) ?? [];
  const str = typeof value === 'string' ? value : '';
  const caption = `${esc(f.label)}${f.required ? ' *' : ''}`;
  const cell = m(ctx).labels === 'cell';
  const row = (control: string) =>
    cell
      ? `<tr><td class="${cls(ctx, 'caption')}">${caption}</td><td>${control}</td></tr>`
      : `<div class="${cls(ctx, 'field')}"><label for="${id}">${caption}</label>${control}</div>`;
  switch (f.kind) {
    case 'select':
      return row(`<select id="${id}" name="${name}">${selectOptions(list, [str])}</select>`);
    case 'multiselect': {
      const sel = Array.isArray(value) ? value : str ? [str] : [];
      return row(
        `<select id="${id}" name="${name}" multiple="multiple" size="6">${selectOptions(list, sel, false)}</select>`,
      );
    }
    case 'radio': {
      const set = `<fieldset><legend>${esc(f.label)}</legend>${list
        .map(
          (o, i) =>
            `<label><input type="radio" name="${name}" value="${esc(o.value)}"${str === o.value || (!str && i === 0) ? ' checked="checked"' : ''}/> ${esc(o.label)}</label>`,
        )
        .join(' ')}</fieldset>`;
      return cell ? `<tr><td colspan="2">${set}</td></tr>` : `<div>${set}</div>`;
    }
    case 'text':
      return row(`<input type="text" id="${id}" name="${name}" size="50" value="${esc(str)}"/>`);
    case 'textarea':
      return row(`<textarea id="${id}" name="${name}" rows="4" cols="50">${esc(str)}</textarea>`);
    case 'checkbox': {
      const box = `<input type="checkbox" id="${id}" name="${name}" value="1"${value === true ? ' checked="checked"' : ''}/>`;
      return cell
        ? `<tr><td class="${cls(ctx, 'caption')}">${esc(f.label)}</td><td>${box}</td></tr>`
        : `<div><label>${box} ${esc(f.label)}</label></div>`;
    }
  }
}

function rulesPart(ctx: Ctx, rules: Rules | null): string {
  const r = ctx.d.rules;
  const criteria = rules?.criteria ?? [];
  const n = Math.max(criteria.length + 1, 2);
  const match = rules?.match ?? 'all';
  const matchSelect = `<select name="${esc(r.match)}">${(['all', 'any', 'none'] as const)
    .map((x) => `<option value="${x}"${x === match ? ' selected="selected"' : ''}>${x}</option>`)
    .join('')}</select>`;
  const toggle = `<input type="checkbox" name="${esc(r.enabled)}" value="1"${rules ? ' checked="checked"' : ''}/>`;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = criteria[i];
    const cells = [
      `<select name="${esc(r.field(i))}">${selectOptions(CONTACT_FIELDS, [c?.field ?? ''])}</select>`,
      `<select name="${esc(r.op(i))}">${selectOptions(OPERATORS, [c?.operator ?? 'eq'], false)}</select>`,
      `<input type="text" name="${esc(r.value(i))}" value="${esc(c?.value ?? '')}"/>`,
    ];
    lines.push(
      m(ctx).labels === 'cell'
        ? `<tr>${cells.map((x) => `<td>${x}</td>`).join('')}</tr>`
        : `<div class="${cls(ctx, 'rule')}">${cells.join('')}</div>`,
    );
  }
  const toggleText = 'Only run this action when certain rules are met';
  if (m(ctx).labels === 'cell')
    return `<table class="${cls(ctx, 'rules')}"><tr><td colspan="2">${toggleText}</td><td>${toggle}</td></tr>
<tr><td colspan="3">Run when ${matchSelect} of the following rules are met</td></tr>${lines.join('')}</table>`;
  return `<fieldset class="${cls(ctx, 'rules')}"><label>${toggle} ${toggleText}</label>
<div>Run when ${matchSelect} of the following rules are met</div>${lines.join('')}</fieldset>`;
}

export function generatedActionForm(ctx: Ctx, i: FormInput): string {
  const d = ctx.d;
  const config = i.config ?? i.action?.config ?? {};
  const rules = i.rules !== undefined ? i.rules : (i.action?.rules ?? null);
  const name = ctx.account.ownerName(i.owner);
  const back = ctx.link(d.paths.editor, d.ownerParams(i.owner));
  const errors = i.errors?.length
    ? `<div class="${cls(ctx, 'errors')}" role="alert">${i.errors.map((e) => `<div>${esc(e)}</div>`).join('')}</div>`
    : '';
  const def: ActionTypeDef = i.def;
  const rows = def.fields.map((f) => fieldRow(ctx, f, config[f.name])).join('\n');
  const fields =
    m(ctx).labels === 'cell' ? `<table class="${cls(ctx, 'form')}">${rows}</table>` : rows;
  const body = `<h1>Actions: ${esc(name)}</h1>
<h2 class="${cls(ctx, 'type')}">${esc(def.label)}</h2>${errors}
<form method="post" action="${esc(ctx.link(d.paths.editorPost))}" class="${cls(ctx, 'action-form')}">
${hidden(d.tokenField, ctx.session?.token ?? '')}${hidden(d.p.cmd, d.cmds.save)}${ownerHidden(ctx, i.owner)}
${hidden(d.p.type, d.typeCode(def.key))}${hidden(d.p.actionId, i.action?.id ?? '')}
${fields}
${rulesPart(ctx, rules)}
<div class="${cls(ctx, 'buttons')}">${submit(ctx, 'Save')} <a href="${esc(back)}">Cancel</a></div>
</form>`;
  return page(ctx, { title: `Actions: ${name}`, menu: 'none', bare: true, body });
}

// ---- Settings --------------------------------------------------------------------------------

export function generatedSettings(ctx: Ctx, saved: boolean): string {
  const d = ctx.d;
  const mk = m(ctx);
  const on = ctx.account.state.setting.runPurchaseActionsOnAllOrders;
  const id = cls(ctx, 'run-all');
  const caption = label(ctx, 'Run Purchase Actions On All Orders');
  const { yes, no } = mk.setting;
  const control =
    mk.setting.control === 'select'
      ? `<select id="${id}" name="${esc(d.p.setting)}"><option value="${yes}"${on ? ' selected="selected"' : ''}>Yes</option><option value="${no}"${on ? '' : ' selected="selected"'}>No</option></select>`
      : [
          [yes, 'Yes', on],
          [no, 'No', !on],
        ]
          .map(
            ([v, t, c]) =>
              `<label><input type="radio" name="${esc(d.p.setting)}" value="${v}"${c ? ' checked="checked"' : ''}/> ${t}</label>`,
          )
          .join(' ');
  const line =
    mk.setting.control === 'radio' && mk.labels === 'label'
      ? `<div class="${cls(ctx, 'setting')}"><span>${caption}</span> ${control}</div>`
      : `<div class="${cls(ctx, 'setting')}">${captioned(ctx, caption, id, control)}</div>`;
  const note = saved ? '<div class="alert">Your settings have been saved.</div>' : '';
  const body = `<h1>${label(ctx, 'E-Commerce Settings')}</h1>${note}
<form method="post" action="${esc(ctx.link(d.paths.settings))}" class="${cls(ctx, 'settings')}">${hidden(d.tokenField, ctx.session?.token ?? '')}
<div class="${cls(ctx, 'setting')}"><span>Default order title</span> <input type="text" name="${cls(ctx, 'orderTitle')}" value="Web Order"/></div>
${line}
${submit(ctx, 'Save')}</form>`;
  return page(ctx, { title: 'Order Settings', menu: 'settings', body });
}
