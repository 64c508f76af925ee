// Action-set editor requests. GET never changes state; every POST needs the session's
// anti-forgery token, or it answers "Your request could not be processed" and changes nothing.
import { type Ctx, html, type Reply, redirect } from '../http.ts';
import { type FormInput, actionFormPage as handWrittenForm } from '../pages/editor-form.ts';
import { editorListPage as handWrittenList, savedPage } from '../pages/editor-list.ts';
import { generatedActionForm, generatedEditorList } from '../pages/generated.ts';
import { errorPage } from '../pages/layout.ts';
import { notFoundPage } from '../pages/misc.ts';
import { type ActionTypeDef, actionType } from '../state/action-types.ts';
import type { ConfigValue, Rules, SetOwner } from '../state/types.ts';

const actionFormPage = (ctx: Ctx, i: FormInput) =>
  (ctx.d.markup ? generatedActionForm : handWrittenForm)(ctx, i);
const editorListPage = (ctx: Ctx, owner: SetOwner) =>
  (ctx.d.markup ? generatedEditorList : handWrittenList)(ctx, owner);

function ownerOf(ctx: Ctx, params: URLSearchParams): SetOwner | null {
  const owner = ctx.d.ownerFromQuery(params);
  return owner && ctx.account.ownerExists(owner) ? owner : null;
}

export function editorGet(ctx: Ctx): Reply {
  const d = ctx.d;
  const owner = ownerOf(ctx, ctx.query);
  if (!owner) return html(notFoundPage(ctx), 404);
  const view = ctx.query.get(d.p.view);
  if (view === d.p.add) {
    const def = actionType(d.typeFromCode(ctx.query.get(d.p.type) ?? '') ?? '');
    if (!def) return html(notFoundPage(ctx), 404);
    return html(actionFormPage(ctx, { owner, def }));
  }
  if (view === d.p.edit) {
    const action = ctx.account.findAction(owner, Number(ctx.query.get(d.p.actionId)));
    const def = action && actionType(action.type);
    if (!action || !def) return html(notFoundPage(ctx), 404);
    return html(actionFormPage(ctx, { owner, def, action }));
  }
  return html(editorListPage(ctx, owner));
}

function parseConfig(
  ctx: Ctx,
  def: ActionTypeDef,
  previous: Record<string, ConfigValue> | undefined,
) {
  const errors: string[] = [];
  const config: Record<string, ConfigValue> = {};
  for (const f of def.fields) {
    const name = ctx.d.fieldName(f.name);
    const allowed = f.options ? new Set(f.options(ctx.account.state).map((o) => o.value)) : null;
    const prev = previous?.[f.name];
    // A value the lists no longer offer is kept only if it was already there (dangling ref).
    const ok = (v: string) =>
      !allowed || allowed.has(v) || prev === v || (Array.isArray(prev) && prev.includes(v));
    if (f.kind === 'checkbox') {
      config[f.name] = ctx.form.has(name);
      continue;
    }
    if (f.kind === 'multiselect') {
      const values = ctx.form.getAll(name).filter((v) => v !== '');
      if (values.some((v) => !ok(v))) errors.push(`${f.label}: unknown value`);
      if (f.required && values.length === 0) errors.push(`${f.label} is required`);
      config[f.name] = values;
      continue;
    }
    const value = (ctx.form.get(name) ?? '').trim();
    if (value && !ok(value)) errors.push(`${f.label}: unknown value`);
    if (f.required && !value) errors.push(`${f.label} is required`);
    config[f.name] = value;
  }
  return { config, errors };
}

function parseRules(ctx: Ctx): { rules: Rules | null; errors: string[] } {
  const r = ctx.d.rules;
  if (!ctx.form.has(r.enabled)) return { rules: null, errors: [] };
  const m = ctx.form.get(r.match);
  const match = m === 'any' || m === 'none' ? m : 'all';
  const criteria: Rules['criteria'] = [];
  for (let i = 0; i < 20; i++) {
    const field = ctx.form.get(r.field(i));
    if (!field) continue;
    criteria.push({
      field,
      operator: ctx.form.get(r.op(i)) || 'eq',
      value: ctx.form.get(r.value(i)) ?? '',
    });
  }
  const errors = criteria.length
    ? []
    : ['Add at least one rule, or untick "Only run this action when certain rules are met"'];
  return { rules: { match, criteria }, errors };
}

export function editorPost(ctx: Ctx): Reply {
  const d = ctx.d;
  const token = ctx.form.get(d.tokenField);
  if (!ctx.session || !token || token !== ctx.session.token) {
    return html(
      errorPage(
        ctx,
        'The form has expired or was submitted twice. Close this window and try again.',
      ),
    );
  }
  const owner = ownerOf(ctx, ctx.form);
  if (!owner) return html(errorPage(ctx, 'The action set no longer exists.'));
  const list = redirect(ctx.link(d.paths.editor, d.ownerParams(owner)));
  const cmd = ctx.form.get(d.p.cmd);
  if (cmd === d.cmds.save) {
    const rawId = ctx.form.get(d.p.actionId) ?? '';
    const existing = rawId ? ctx.account.findAction(owner, Number(rawId)) : undefined;
    if (rawId && !existing) return html(errorPage(ctx, 'That action no longer exists.'));
    const def = actionType(existing?.type ?? d.typeFromCode(ctx.form.get(d.p.type) ?? '') ?? '');
    if (!def) return html(errorPage(ctx, 'Unknown action type.'));
    const { config, errors } = parseConfig(ctx, def, existing?.config);
    const parsedRules = parseRules(ctx);
    const all = [...errors, ...parsedRules.errors];
    if (all.length) {
      const form = { owner, def, action: existing, config, rules: parsedRules.rules, errors: all };
      return html(actionFormPage(ctx, form));
    }
    ctx.account.saveAction(
      owner,
      existing ? existing.id : null,
      def.key,
      config,
      parsedRules.rules,
    );
    return list;
  }
  if (cmd === d.cmds.del) {
    if (!ctx.account.deleteAction(owner, Number(ctx.form.get(d.p.actionId)))) {
      return html(errorPage(ctx, 'That action no longer exists.'));
    }
    return list;
  }
  if (cmd === d.cmds.copy) {
    const from = d.setFromValue(ctx.form.get(d.p.copyFrom) ?? '');
    if (!from || !ctx.account.ownerExists(from))
      return html(errorPage(ctx, 'Choose an action set to copy.'));
    ctx.account.copySet(from, owner);
    return list;
  }
  if (cmd === d.cmds.saveSet) return html(savedPage(ctx, owner));
  return html(errorPage(ctx, 'Unknown command.'));
}
