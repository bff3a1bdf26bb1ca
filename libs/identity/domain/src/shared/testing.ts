import { IdentityError, IdentityErrorCode } from './errors';

/**
 * Given/When/Then for a decider: given(events).when(command).then(expectedEvents | error).
 * `thenFails(code)` checks the typed error code (and the message naming the value, if given).
 */
export function deciderSpec<C, E, S, X = undefined>(
  decider: {
    decide: (command: C, state: S, ctx: X) => E[];
    evolve: (state: S, event: E) => S;
    initialState: () => S;
  },
  ctx?: X,
) {
  return (events: readonly E[]) => ({
    when: (command: C) => {
      const state = events.reduce(decider.evolve, decider.initialState());
      const run = () => decider.decide(command, state, ctx as X);
      return {
        then: (expected: readonly E[]) => expect(run()).toEqual(expected),
        thenFails: (code: IdentityErrorCode, messageContains?: string) => {
          let caught: unknown;
          try {
            run();
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeInstanceOf(IdentityError);
          expect((caught as IdentityError).code).toBe(code);
          if (messageContains !== undefined) expect((caught as IdentityError).message).toContain(messageContains);
        },
      };
    },
  });
}
