import { describeDatabaseError, isTransientDatabaseError } from './transient';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isTransientDatabaseError', () => {
  it.each([
    ['a restart ending the session', pgError('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['a read-only server', pgError('25006', 'cannot execute INSERT in a read-only transaction')],
    ['a lock wait that ran out', pgError('55P03', 'canceling statement due to lock timeout')],
    ['a session ended for idling in a transaction', pgError('25P03', 'terminating connection due to idle-in-transaction timeout')],
    ['a connection exception', pgError('08006', 'connection failure')],
    ['nothing listening', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a connection cut under a query', new Error('Connection terminated unexpectedly')],
    ['a client whose connection broke', new Error('Client has encountered a connection error and is not queryable')],
    ['a serialization failure', pgError('40001')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['a statement cancelled by statement_timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['a socket reset', pgError('ECONNRESET', 'read ECONNRESET')],
  ])('says yes to %s', (_, error) => expect(isTransientDatabaseError(error)).toBe(true));

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', pgError('42601', 'syntax error at or near "selec"')],
    ['a wrong password', pgError('28P01', 'password authentication failed for user "educube"')],
    ['a missing database', pgError('3D000', 'database "nope" does not exist')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'rows')")],
    ['nothing', undefined],
  ])('says no to %s', (_, error) => expect(isTransientDatabaseError(error)).toBe(false));
});

describe('describeDatabaseError', () => {
  it('names the code and the message once', () => {
    expect(describeDatabaseError(pgError('25006', 'cannot execute INSERT in a read-only transaction'))).toBe(
      '25006: cannot execute INSERT in a read-only transaction',
    );
    expect(describeDatabaseError(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe('connect ECONNREFUSED 127.0.0.1:5432');
  });

  it('spells out an AggregateError (every address refused)', () => {
    const error = Object.assign(
      new AggregateError([pgError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432'), pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')], ''),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(describeDatabaseError(error)).toBe('connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432');
  });
});
