// "Run Purchase Actions On All Orders": Keap's own help pages disagree on where it lives (crm-facts
// "Settings that change what fires"), so inline puts it under Order settings and scripted under
// Products > Product and Subscription Plans, among unrelated settings.
import type { Ctx } from '../http.ts';
import { esc, hidden } from './html.ts';
import { page } from './layout.ts';

export function settingsPage(ctx: Ctx, saved: boolean): string {
  const d = ctx.d;
  const on = ctx.account.state.setting.runPurchaseActionsOnAllOrders;
  const token = hidden(d.tokenField, ctx.session?.token ?? '');
  const note = saved ? '<div class="alert alert-success">Your settings have been saved.</div>' : '';
  const action = esc(ctx.link(d.paths.settings));
  if (d.name === 'inline') {
    const body = `<h1>E-Commerce Settings</h1>
<ul class="tabs"><li class="selected">Order</li><li>Billing Automation</li><li>Shipping</li><li>Tax</li></ul>${note}
<form method="post" action="${action}" id="orderSettingsForm">${token}
<table class="settings-table" cellpadding="4" cellspacing="0">
<tr><td class="label">Order Settings</td><td></td></tr>
<tr><td class="label"><label for="runActionsOnAllOrders">Run Purchase Actions On All Orders</label></td><td><select id="runActionsOnAllOrders" name="${esc(d.p.setting)}"><option value="true"${on ? ' selected="selected"' : ''}>Yes</option><option value="false"${on ? '' : ' selected="selected"'}>No</option></select></td></tr>
<tr><td class="label">Default order title</td><td><input type="text" name="defaultOrderTitle" value="Web Order"/></td></tr>
<tr><td></td><td><input type="submit" value="Save" class="inf-button"/></td></tr>
</table></form>`;
    return page(ctx, { title: 'Order Settings', menu: 'settings', body });
  }
  const radio = (value: string, label: string, checked: boolean) =>
    `<label><input type="radio" name="${esc(d.p.setting)}" value="${value}"${checked ? ' checked' : ''}/> ${label}</label>`;
  const body = `<div class="kmc-page"><h1 class="kmc-page__title">Product and Subscription Plans</h1>
<nav class="kmc-breadcrumb">E-Commerce Settings &rsaquo; Products &rsaquo; Product and Subscription Plans</nav>${note}
<form method="post" action="${action}" class="kmc-form">${token}
<div class="kmc-field"><span class="kmc-field__label">Allow customers to change their subscription plan</span><label><input type="radio" name="planChange" value="1" checked/> Yes</label><label><input type="radio" name="planChange" value="0"/> No</label></div>
<div class="kmc-field"><span class="kmc-field__label">Default billing cycle</span><select name="billingCycle"><option>Monthly</option><option>Yearly</option></select></div>
<div class="kmc-field"><span class="kmc-field__label">Run Purchase Actions On All Orders</span>${radio('1', 'Yes', on)}${radio('0', 'No', !on)}</div>
<div class="kmc-field"><span class="kmc-field__label">Show out-of-stock products</span><label><input type="checkbox" name="showOutOfStock" value="1"/> Yes</label></div>
<button type="submit" class="kmc-btn">Save</button></form></div>`;
  return page(ctx, { title: 'Product and Subscription Plans', menu: 'settings', body });
}
