import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsForm } from '@/entrypoints/options/OptionsForm';
import { mount, settle, text } from '../explainer/helpers';

const stored = async () =>
  ((await fakeBrowser.storage.local.get('options')).options ?? {}) as Record<string, unknown>;

async function setNumber(root: HTMLElement, label: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(`#${labelFor(root, label)}`);
  if (!input) throw new Error(`no field "${label}"`);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

function labelFor(root: HTMLElement, name: string): string {
  const label = [...root.querySelectorAll('label')].find((l) => text(l) === name);
  const id = label?.getAttribute('for');
  if (!id) throw new Error(`no label "${name}" bound to a field`);
  return id;
}

describe('options page', () => {
  it('gives each politeness limit its own label, bound to its own field', async () => {
    const root = await mount(<OptionsForm />);
    await settle();
    const a = labelFor(root, 'Requests at a time');
    const b = labelFor(root, 'Requests per second');
    expect(a).not.toBe(b);
    expect(root.querySelector(`#${a}`)?.tagName).toBe('INPUT');
    expect(root.querySelector(`#${b}`)?.tagName).toBe('INPUT');
    // No label runs two fields' words together any more.
    for (const l of root.querySelectorAll('label')) expect(text(l)).not.toMatch(/time\s*At most/i);
  });

  it('says "Saved." after a change and stores it', async () => {
    const root = await mount(<OptionsForm />);
    await settle();
    const status = () => text(root.querySelector('[role="status"]'));
    expect(status()).toBe('');
    await setNumber(root, 'Requests at a time', '2');
    expect(status()).toBe('Saved.');
    expect((await stored()).maxInFlight).toBe(2);
  });

  it('refuses a value out of range, says so, and stores nothing', async () => {
    const root = await mount(<OptionsForm />);
    await settle();
    await setNumber(root, 'Requests per second', '100');
    expect(text(root.querySelector('[role="status"]'))).toMatch(/^Not saved/);
    expect((await stored()).maxPerSecond).toBeUndefined();
    const field = root.querySelector<HTMLInputElement>(`#${labelFor(root, 'Requests per second')}`);
    expect(field?.value).toBe('8');
  });

  it('links to the dashboard', async () => {
    const root = await mount(<OptionsForm />);
    await settle();
    const link = [...root.querySelectorAll('a')].find((a) => text(a) === 'Open the dashboard');
    expect(link?.getAttribute('href')).toBe('/dashboard.html');
  });
});
