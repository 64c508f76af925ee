// The action-set editor pop-up: the set's actions in order, Add New Action, Copy an existing
// action set, and Save (crm-facts "The action-set editor (the pop-up)").
import type { Ctx } from '../http.ts';
import { ACTION_TYPES, summarize } from '../state/action-types.ts';
import { type SetOwner, TRIGGERS } from '../state/types.ts';
import { SAVED_MESSAGE } from './actions-scripted.ts';
import { esc, hidden, scriptJson } from './html.ts';
import { page } from './layout.ts';

function ownerHidden(ctx: Ctx, owner: SetOwner): string {
  return Object.entries(ctx.d.ownerParams(owner))
    .map(([k, v]) => hidden(k, v))
    .join('');
}

function postForm(
  ctx: Ctx,
  owner: SetOwner,
  cmd: string,
  inner: string,
  cls = 'inline-form',
): string {
  const d = ctx.d;
  return `<form method="post" action="${esc(ctx.link(d.paths.editorPost))}" class="${cls}">${hidden(d.tokenField, ctx.session?.token ?? '')}${hidden(d.p.cmd, cmd)}${ownerHidden(ctx, owner)}${inner}</form>`;
}

function actionRows(ctx: Ctx, owner: SetOwner): string {
  const d = ctx.d;
  const actions = ctx.account.actionsOf(owner);
  const s = ctx.account.state;
  const label = (type: string) => ACTION_TYPES.find((t) => t.key === type)?.label ?? type;
  const editUrl = (id: number) =>
    ctx.link(d.paths.editor, {
      ...d.ownerParams(owner),
      [d.p.view]: d.p.edit,
      [d.p.actionId]: String(id),
    });
  const del = (id: number) =>
    postForm(
      ctx,
      owner,
      d.cmds.del,
      `${hidden(d.p.actionId, id)}<input type="submit" value="Delete" class="inf-button"/>`,
    );
  if (d.name === 'inline') {
    const rows = actions.map(
      (a, i) =>
        `<tr class="${i % 2 ? 'alt-data-td' : 'data-td'}" id="action_${a.id}"><td class="dt">${esc(label(a.type))}</td><td class="dt-wrap">${esc(summarize(a, s))}</td><td class="dt"><a href="${esc(editUrl(a.id))}">Edit</a></td><td class="dt">${del(a.id)}</td></tr>`,
    );
    return `<table width="100%" cellpadding="0px" cellspacing="0px" border="0px" class="zebra-striped tabular data-table" id="actionList">
<tr class="tr-noborder"><th class="thead-noborder">Action</th><th class="thead-noborder">Details</th><th class="thead-noborder"></th><th class="thead-noborder"></th></tr>
${rows.length ? rows.join('\n') : '<tr class="data-td"><td class="dt" colspan="4">No actions have been added.</td></tr>'}</table>`;
  }
  const items = actions.map(
    (a) =>
      `<li class="kmc-seq__item"><span class="kmc-seq__label">${esc(label(a.type))}</span><span class="kmc-seq__summary">${esc(summarize(a, s))}</span><span class="kmc-seq__tools"><a class="kmc-link" href="${esc(editUrl(a.id))}">Edit</a>${del(a.id)}</span></li>`,
  );
  return `<ol class="kmc-seq">${items.join('\n')}</ol>${items.length ? '' : '<p class="kmc-empty">This sequence has no actions yet.</p>'}`;
}

function addNew(ctx: Ctx, owner: SetOwner): string {
  const d = ctx.d;
  const opts = ACTION_TYPES.map(
    (t) => `<option value="${esc(d.typeCode(t.key))}">${esc(t.label)}</option>`,
  ).join('');
  const change = d.name === 'inline' ? ' onchange="if (this.value) this.form.submit();"' : '';
  const id = d.name === 'inline' ? 'addNewAction' : 'kmc-add-action';
  return `<form method="get" action="${esc(ctx.link(d.paths.editor))}" class="add-action">${ownerHidden(ctx, owner)}${hidden(d.p.view, d.p.add)}
<label for="${id}">Add New Action</label> <select id="${id}" name="${esc(d.p.type)}"${change}><option value="">-- Select an action --</option>${opts}</select>
<input type="submit" value="Go" class="inf-button"/></form>`;
}

/** The options of "Copy an existing action set": every other set, triggers first. */
export function copySourceOptions(ctx: Ctx, owner: SetOwner): string {
  const d = ctx.d;
  const current = d.setValue(owner);
  const sets: SetOwner[] = [
    ...TRIGGERS.map((t): SetOwner => ({ kind: 'trigger', trigger: t.key })),
    ...ctx.account.state.products.map((p): SetOwner => ({ kind: 'product', productId: p.id })),
  ];
  return sets
    .filter((o) => d.setValue(o) !== current)
    .map((o) => `<option value="${esc(d.setValue(o))}">${esc(ctx.account.ownerName(o))}</option>`)
    .join('');
}

function copyForm(ctx: Ctx, owner: SetOwner): string {
  const d = ctx.d;
  const id = d.name === 'inline' ? 'copyFrom' : 'kmc-copy-source';
  const opts = copySourceOptions(ctx, owner);
  return postForm(
    ctx,
    owner,
    d.cmds.copy,
    `<label for="${id}">Copy an existing action set</label> <select id="${id}" name="${esc(d.p.copyFrom)}"><option value="">-- Select an action set --</option>${opts}</select> <input type="submit" value="Copy" class="inf-button"/>`,
    'copy-form',
  );
}

export function editorListPage(ctx: Ctx, owner: SetOwner): string {
  const name = ctx.account.ownerName(owner);
  const saveSet = postForm(
    ctx,
    owner,
    ctx.d.cmds.saveSet,
    '<input type="submit" value="Save" class="inf-button save-set"/>',
    'save-form',
  );
  const body = `<h1>Actions: ${esc(name)}</h1>
${actionRows(ctx, owner)}
<div class="editor-tools">${addNew(ctx, owner)}${copyForm(ctx, owner)}</div>
<div class="editor-save">${saveSet}</div>`;
  const scripts =
    ctx.d.name === 'scripted'
      ? `<script>document.getElementById('kmc-add-action').addEventListener('change', function (e) { if (e.target.value) e.target.form.requestSubmit(); });</script>`
      : '';
  return page(ctx, { title: `Actions: ${name}`, menu: 'none', bare: true, body, scripts });
}

/** Answer to the set's Save: tell the Actions page, then close the pop-up. */
export function savedPage(ctx: Ctx, owner: SetOwner): string {
  const notify =
    ctx.d.name !== 'scripted'
      ? `if (window.opener && !window.opener.closed) { try { window.opener.location.reload(); } catch (e) {} }`
      : `if (window.opener && !window.opener.closed) { try { window.opener.postMessage(${scriptJson({ type: SAVED_MESSAGE, ...ctx.d.ownerParams(owner) })}, location.origin); } catch (e) {} }`;
  return page(ctx, {
    title: 'Saved',
    menu: 'none',
    bare: true,
    body: `<p class="saved-message">Your actions have been saved.</p>`,
    scripts: `<script>${notify} window.close();</script>`,
  });
}
