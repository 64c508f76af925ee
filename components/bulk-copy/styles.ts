// The dialog lives in the toolbar's shadow root, where a plain `import './x.css'` would land in
// the wrong document: the lead injects this string there instead. `?raw` hands over the file as
// written (there is no PostCSS step to lose). Note: Vitest blanks every .css request, so under
// unit tests this is ''; test/unit/bulk-copy-ui/styles.test.ts reads the file itself.
import css from './bulk-copy.css?raw';

export const bulkCopyCss: string = css;
