import { assertTestDatabase, databaseNameOf } from './pool';

describe('assertTestDatabase', () => {
  it.each(['educube_test', 'test', 'test_educube', 'ci_test_7'])('accepts %s', (name) => {
    expect(() => assertTestDatabase(`postgres://u:p@localhost:5432/${name}`)).not.toThrow();
  });

  it.each(['educube', 'contest', 'testing', 'latest_prod'])('refuses %s', (name) => {
    expect(() => assertTestDatabase(`postgres://u:p@localhost:5432/${name}`)).toThrow(/refusing to run tests/);
  });

  it('reads the database name from a URL', () => {
    expect(databaseNameOf('postgresql://u:p@h:1/edu%5Fcube_test?sslmode=disable')).toBe('edu_cube_test');
  });
});
