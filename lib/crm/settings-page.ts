import { RUN_ON_ALL_ORDERS } from './labels';
import { norm, visibleText } from './text';

type YesNo = 'yes' | 'no';

function yesNo(text: string | null | undefined): YesNo | null {
  const t = norm(text).toLowerCase();
  if (t === 'yes' || t === 'true' || t === '1' || t === 'on') return 'yes';
  if (t === 'no' || t === 'false' || t === '0' || t === 'off') return 'no';
  return null;
}

function labelOf(input: Element): string {
  const doc = input.ownerDocument;
  const id = input.getAttribute('id');
  const byFor = id ? doc.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
  const wrapping = input.closest('label');
  return norm((byFor ?? wrapping)?.textContent) || norm(input.nextSibling?.textContent);
}

/** The smallest element whose visible text names the setting. */
function settingLabel(doc: Document): Element | null {
  let best: Element | null = null;
  for (const el of Array.from(doc.querySelectorAll('body *'))) {
    if (/^(SCRIPT|STYLE|OPTION|SELECT)$/.test(el.tagName)) continue;
    if (!norm(el.textContent).toLowerCase().includes(RUN_ON_ALL_ORDERS.toLowerCase())) continue;
    if (!visibleText(el).toLowerCase().includes(RUN_ON_ALL_ORDERS.toLowerCase())) continue;
    best = el; // document order: later matches are descendants, so the last one is innermost
  }
  return best;
}

export interface RunOnAllOrdersControl {
  value: YesNo | null;
  /** The form that saves it, when the page has one. */
  form: HTMLFormElement | null;
}

/**
 * Reads "Run Purchase Actions On All Orders" wherever it stands: Keap's own pages disagree on
 * where it lives (crm-facts.md), so we look for the label, then the nearest Yes/No control.
 */
export function readRunOnAllOrders(doc: Document): RunOnAllOrdersControl | null {
  const label = settingLabel(doc);
  if (!label) return null;
  for (let box: Element | null = label; box && box.tagName !== 'BODY'; box = box.parentElement) {
    const radios = Array.from(box.querySelectorAll('input[type="radio" i]'));
    if (radios.length >= 2) {
      const checked = radios.find((r) => (r as HTMLInputElement).checked);
      const value = checked
        ? (yesNo(labelOf(checked)) ?? yesNo(checked.getAttribute('value')))
        : null;
      return { value, form: box.closest('form') ?? box.querySelector('form') };
    }
    const select = box.querySelector('select');
    if (select) {
      const opt = select.selectedOptions[0] ?? select.options[0];
      return {
        value: yesNo(opt?.textContent) ?? yesNo(opt?.value),
        form: select.closest('form'),
      };
    }
    const checkbox = box.querySelector('input[type="checkbox" i]') as HTMLInputElement | null;
    if (checkbox) return { value: checkbox.checked ? 'yes' : 'no', form: checkbox.closest('form') };
  }
  return null;
}
