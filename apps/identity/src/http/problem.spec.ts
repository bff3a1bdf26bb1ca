import { IdentityError, IdentityErrorCode } from '@educube/identity-domain';
import { TokenError } from '@educube/oidc';
import { z } from 'zod';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import { identityProblems, Problem, statusOf, toProblem } from './problem';

describe('problem details', () => {
  it.each(Object.values(IdentityErrorCode))('maps %s to a 4xx status', (code) => {
    expect([400, 404, 409, 422]).toContain(statusOf(code).status);
  });

  it('carries the field, rule and value of a domain error', () => {
    const problem = toProblem(new IdentityError(IdentityErrorCode.INVALID_CODE, 'code must be 10 digits', { field: 'code', rule: 'ten-digits', value: '33' }));
    expect(problem).toEqual({
      type: 'https://educube.example/problems/invalid-code',
      title: 'Invalid input',
      status: 400,
      detail: 'code must be 10 digits',
      problems: [{ path: '/code', rule: 'ten-digits', message: 'code must be 10 digits', value: '33' }],
    });
  });

  it('answers invalid bodies, bad tokens and refusals in the same shape', () => {
    const zod = z.strictObject({ refs: z.array(z.unknown()) }).safeParse({ refs: 'x' });
    expect(toProblem(zod.error)).toMatchObject({
      status: 400,
      type: 'https://educube.example/problems/invalid-input',
      problems: [{ path: '/refs', rule: 'invalid_type' }],
    });
    expect(toProblem(new TokenError('expired', 'token has expired'))).toMatchObject({
      status: 401,
      problems: [{ path: '/headers/authorization', rule: 'expired', message: 'token has expired' }],
    });
    expect(toProblem(new Problem(403, 'Forbidden', 'no'))).toMatchObject({ type: 'https://educube.example/problems/forbidden', status: 403 });
    expect(toProblem(new Error('secret internals'))).toMatchObject({ status: 500, detail: 'the identity service failed; see its log' });
  });

  it('answers "not now" (503, Retry-After) for a database or a broker that is away, and nothing else', () => {
    const restart = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(identityProblems(restart)).toMatchObject({ status: 503, type: 'https://educube.example/problems/database-unavailable', retryAfterSeconds: 5 });
    const broker = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:29092');
    expect(identityProblems(broker)).toMatchObject({ status: 503, type: 'https://educube.example/problems/kafka-unavailable', retryAfterSeconds: 10 });
    expect(identityProblems(new KafkaJSNumberOfRetriesExceeded(broker, { retryCount: 8, retryTime: 30_000 }))).toMatchObject({ status: 503 });
    expect(identityProblems(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBeUndefined();
  });
});
