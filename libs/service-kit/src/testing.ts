import { readFileSync, writeFileSync } from 'node:fs';
import { permissionSnapshot } from './access';

/**
 * Compares a started service's routes and their declared access with the committed snapshot
 * file, so that every change of who may call what shows in a diff. UPDATE_PERMISSIONS=1 writes
 * the file instead (then read the diff before committing it).
 */
export function expectPermissionsToMatch(app: Parameters<typeof permissionSnapshot>[0], file: string): void {
  const { text, undeclared } = permissionSnapshot(app);
  if (undeclared.length) throw new Error(`routes without an access declaration (add @Public(why) or @Allow(roles, scope)):\n  ${undeclared.join('\n  ')}`);
  if (process.env['UPDATE_PERMISSIONS'] === '1') writeFileSync(file, text);
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    committed = '(no snapshot committed)';
  }
  if (committed !== text)
    throw new Error(
      `the routes' access differs from ${file}; if the change is meant, run the test with UPDATE_PERMISSIONS=1 and commit the file.\n--- committed\n${committed}\n--- now\n${text}`,
    );
}
export { checkOpenApiDocument, openApiFaults } from './openapi.check';
