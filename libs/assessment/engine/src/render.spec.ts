import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFormulas } from './render';

const file = join(__dirname, '..', 'FORMULAS.md');

it('FORMULAS.md is current (UPDATE_FORMULAS=1 rewrites it)', () => {
  const text = renderFormulas();
  if (process.env['UPDATE_FORMULAS'] === '1') writeFileSync(file, text);
  expect(existsSync(file) ? readFileSync(file, 'utf8') : '').toBe(text);
});
