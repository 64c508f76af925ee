// Escaping helpers: every CRM string reaches markup through one of these.
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** For double-quoted attributes holding inline JS: keeps ' literal, as legacy markup does. */
export function attr(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);
}

/** JSON safe to place inside an inline <script>. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

/** A JS string literal safe inside an HTML attribute that is itself escaped by esc(). */
export function jsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function hidden(name: string, value: string | number, id?: string): string {
  return `<input type="hidden" name="${esc(name)}" value="${esc(value)}"${id ? ` id="${esc(id)}"` : ''}/>`;
}
