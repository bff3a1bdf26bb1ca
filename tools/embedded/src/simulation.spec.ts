import { province, settingsEnv, simulationSettings } from './simulation';

describe('the simulated province of npm start', () => {
  it('spreads maturity and plays quirks by default; EDUCUBE_SIM_MATURITY and EDUCUBE_SIM_QUIRKS turn them off', () => {
    const on = province(simulationSettings({ EDUCUBE_SIM_SCHOOLS: '20' }));
    expect(on.schools.every((s) => typeof s.maturity === 'number')).toBe(true);
    expect(on.quirks?.silent.length).toBeGreaterThan(0);
    expect(on.quirks?.badSenders.length).toBeGreaterThan(0);

    const off = province(simulationSettings({ EDUCUBE_SIM_SCHOOLS: '20', EDUCUBE_SIM_MATURITY: 'off', EDUCUBE_SIM_QUIRKS: 'off' }));
    expect(off.schools.some((s) => 'maturity' in s)).toBe(false);
    expect(off.quirks).toBeUndefined();
    // the same schools either way: maturity and quirks come from hashes of their own
    expect(off.schools.map((s) => s.code)).toEqual(on.schools.map((s) => s.code));
  });

  it('takes a fixed maturity and refuses nonsense by name; the settings survive the trip through the environment', () => {
    const fixed = simulationSettings({ EDUCUBE_SIM_MATURITY: '0.8' });
    expect(fixed.maturity).toBe(0.8);
    expect(province({ ...fixed, schools: 3 }).schools.map((s) => s.maturity)).toEqual([0.8, 0.8, 0.8]);
    expect(() => simulationSettings({ EDUCUBE_SIM_MATURITY: '2' })).toThrow(/EDUCUBE_SIM_MATURITY/);
    for (const env of [{}, { EDUCUBE_SIM_MATURITY: 'off', EDUCUBE_SIM_QUIRKS: 'off' }, { EDUCUBE_SIM_MATURITY: '0.5' }]) {
      const s = simulationSettings(env);
      expect(simulationSettings(settingsEnv(s))).toEqual(s);
    }
  });
});
