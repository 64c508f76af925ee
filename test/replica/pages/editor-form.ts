// One action's configuration form (add or edit). Edit is the only place the full configuration
// of an action is visible, so every field is rendered filled in.
import type { Ctx } from '../http.ts';
import {
  type ActionTypeDef,
  CONTACT_FIELDS,
  type FieldDef,
  OPERATORS,
  type Option,
} from '../state/action-types.ts';
import type { Action, ConfigValue, Rules, SetOwner } from '../state/types.ts';
import { esc, hidden } from './html.ts';
import { page } from './layout.ts';

export function options(list: Option[], selected: string[], placeholder = true): string {
  const known = new Set(list.map((o) => o.value));
  // Keep a dangling reference visible (e.g. a deleted action set) instead of silently dropping it.
  const missing = selected
    .filter((v) => v && !known.has(v))
    .map((v) => ({ value: v, label: `(not found, id ${v})` }));
  return `${placeholder ? '<option value="">Please select</option>' : ''}${[...missing, ...list]
    .map(
      (o) =>
        `<option value="${esc(o.value)}"${selected.includes(o.value) ? ' selected="selected"' : ''}>${esc(o.label)}</option>`,
    )
    .join('')}`;
}

function field(ctx: Ctx, f: FieldDef, value: ConfigValue | undefined): string {
  const name = esc(ctx.d.fieldName(f.name));
  const id = ctx.d.name === 'inline' ? `fld_${f.name}` : `kmc-f-${f.name}`;
  const list = f.options?.(ctx.account.state) ?? [];
  const str = typeof value === 'string' ? value : '';
  const label = `<label for="${id}">${esc(f.label)}${f.required ? ' *' : ''}</label>`;
  switch (f.kind) {
    case 'select':
      return `${label}<select id="${id}" name="${name}">${options(list, [str])}</select>`;
    case 'multiselect': {
      const sel = Array.isArray(value) ? value : str ? [str] : [];
      return `${label}<select id="${id}" name="${name}" multiple="multiple" size="6">${options(list, sel, false)}</select>`;
    }
    case 'radio':
      return `<fieldset><legend>${esc(f.label)}</legend>${list
        .map(
          (o, i) =>
            `<label><input type="radio" name="${name}" value="${esc(o.value)}"${str === o.value || (!str && i === 0) ? ' checked="checked"' : ''}/> ${esc(o.label)}</label>`,
        )
        .join(' ')}</fieldset>`;
    case 'text':
      return `${label}<input type="text" id="${id}" name="${name}" size="50" value="${esc(str)}"/>`;
    case 'textarea':
      return `${label}<textarea id="${id}" name="${name}" rows="4" cols="50">${esc(str)}</textarea>`;
    case 'checkbox':
      return `<label><input type="checkbox" id="${id}" name="${name}" value="1"${value === true ? ' checked="checked"' : ''}/> ${esc(f.label)}</label>`;
  }
}

function rulesPart(ctx: Ctx, rules: Rules | null): string {
  const r = ctx.d.rules;
  const criteria = rules?.criteria ?? [];
  const rows = Math.max(criteria.length + 1, 2);
  const match = rules?.match ?? 'all';
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const c = criteria[i];
    lines.push(
      `<div class="rule-row"><select name="${esc(r.field(i))}">${options(CONTACT_FIELDS, [c?.field ?? ''])}</select><select name="${esc(r.op(i))}">${options(OPERATORS, [c?.operator ?? 'eq'], false)}</select><input type="text" name="${esc(r.value(i))}" value="${esc(c?.value ?? '')}"/></div>`,
    );
  }
  const cls = ctx.d.name === 'inline' ? 'rules' : 'kmc-conditions';
  return `<fieldset class="${cls}"><label><input type="checkbox" name="${esc(r.enabled)}" value="1"${rules ? ' checked="checked"' : ''}/> Only run this action when certain rules are met</label>
<div>Run when <select name="${esc(r.match)}">${(['all', 'any', 'none'] as const)
    .map((m) => `<option value="${m}"${m === match ? ' selected="selected"' : ''}>${m}</option>`)
    .join('')}</select> of the following rules are met</div>${lines.join('')}</fieldset>`;
}

export interface FormInput {
  owner: SetOwner;
  def: ActionTypeDef;
  action?: Action;
  config?: Record<string, ConfigValue>;
  rules?: Rules | null;
  errors?: string[];
}

export function actionFormPage(ctx: Ctx, i: FormInput): string {
  const d = ctx.d;
  const config = i.config ?? i.action?.config ?? {};
  const rules = i.rules !== undefined ? i.rules : (i.action?.rules ?? null);
  const name = ctx.account.ownerName(i.owner);
  const back = ctx.link(d.paths.editor, d.ownerParams(i.owner));
  const ownerHidden = Object.entries(d.ownerParams(i.owner))
    .map(([k, v]) => hidden(k, v))
    .join('');
  const errors = i.errors?.length
    ? `<div class="errors" role="alert">${i.errors.map((e) => `<div>${esc(e)}</div>`).join('')}</div>`
    : '';
  const fields = i.def.fields
    .map((f) => `<div class="form-row">${field(ctx, f, config[f.name])}</div>`)
    .join('\n');
  const body = `<h1>Actions: ${esc(name)}</h1>
<h2 class="action-type">${esc(i.def.label)}</h2>${errors}
<form method="post" action="${esc(ctx.link(d.paths.editorPost))}" class="${d.name === 'inline' ? 'actionForm' : 'kmc-form'}">
${hidden(d.tokenField, ctx.session?.token ?? '')}${hidden(d.p.cmd, d.cmds.save)}${ownerHidden}
${hidden(d.p.type, d.typeCode(i.def.key))}${hidden(d.p.actionId, i.action?.id ?? '')}
${fields}
${rulesPart(ctx, rules)}
<div class="buttons"><input type="submit" value="Save" class="inf-button"/> <a href="${esc(back)}">Cancel</a></div>
</form>`;
  return page(ctx, { title: `Actions: ${name}`, menu: 'none', bare: true, body });
}
