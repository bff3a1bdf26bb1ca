import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** Asymmetric algorithms only: an HS* token "signed" with the public key must never pass. */
export const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;

export type TokenErrorCode =
  | 'malformed'
  | 'expired'
  | 'not-yet-valid'
  | 'bad-signature'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'algorithm-not-allowed'
  | 'unknown-key'
  | 'missing-claim'
  | 'issuer-unreachable';

export class TokenError extends Error {
  constructor(
    readonly code: TokenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface VerifierOptions {
  /** The issuer URL exactly as it appears in `iss` (Keycloak: http://host/realms/educube). */
  readonly issuer: string;
  readonly audience: string | readonly string[];
  readonly algorithms?: readonly string[];
  readonly clockToleranceSeconds?: number;
  /** Overrides discovery (tests, or an issuer whose discovery is unreachable from here). */
  readonly jwksUri?: string;
  /** The verifier's clock; defaults to the system clock. */
  readonly now?: () => Date;
}

export interface VerifiedToken {
  readonly claims: JWTPayload & Record<string, unknown>;
  readonly subject: string;
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedToken>;
}

/**
 * One verifier for every service, for Keycloak and the embedded issuer alike: issuer, audience,
 * expiry and signature against the issuer's JWKS, fetched by discovery. jose's remote key set
 * refetches on an unknown `kid` (rate-limited), which is how key rotation reaches us.
 */
export async function createTokenVerifier(options: VerifierOptions): Promise<TokenVerifier> {
  const jwksUri = options.jwksUri ?? (await discoverJwksUri(options.issuer));
  const keys = createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
  return verifierWithKeys(options, keys);
}

export function verifierWithKeys(options: VerifierOptions, keys: JWTVerifyGetKey): TokenVerifier {
  const algorithms = [...(options.algorithms ?? DEFAULT_ALGORITHMS)];
  return {
    async verify(token: string): Promise<VerifiedToken> {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: typeof options.audience === 'string' ? options.audience : [...options.audience],
          algorithms,
          clockTolerance: options.clockToleranceSeconds ?? 5,
          requiredClaims: ['exp', 'iat', 'sub'],
          ...(options.now ? { currentDate: options.now() } : {}),
        });
        // requiredClaims guarantees sub; the check keeps the type honest without an assertion
        if (typeof payload.sub !== 'string') throw new TokenError('missing-claim', 'claim "sub" is missing');
        return { claims: payload as VerifiedToken['claims'], subject: payload.sub };
      } catch (error) {
        throw toTokenError(error);
      }
    },
  };
}

export async function discoverJwksUri(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  } catch (e) {
    throw new TokenError('issuer-unreachable', `cannot reach ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new TokenError('issuer-unreachable', `${url} answered ${res.status}`);
  const doc = (await res.json()) as { issuer?: string; jwks_uri?: string };
  if (doc.issuer !== issuer) throw new TokenError('wrong-issuer', `discovery at ${url} names issuer ${doc.issuer}, expected ${issuer}`);
  if (!doc.jwks_uri) throw new TokenError('issuer-unreachable', `discovery at ${url} has no jwks_uri`);
  return doc.jwks_uri;
}

function toTokenError(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  if (error instanceof errors.JWTExpired) return new TokenError('expired', 'token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const byClaim: Record<string, TokenErrorCode> = { iss: 'wrong-issuer', aud: 'wrong-audience', nbf: 'not-yet-valid', iat: 'not-yet-valid' };
    return new TokenError(byClaim[error.claim] ?? 'missing-claim', `claim "${error.claim}" ${error.reason}: ${error.message}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenError('algorithm-not-allowed', error.message);
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenError('bad-signature', 'signature does not verify');
  if (error instanceof errors.JWKSNoMatchingKey) return new TokenError('unknown-key', 'no key of the issuer matches the token header (kid/alg)');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return new TokenError('malformed', error.message);
  }
  if (error instanceof errors.JWKSTimeout) return new TokenError('issuer-unreachable', 'timed out fetching the issuer keys');
  return new TokenError('malformed', (error as Error).message ?? String(error));
}
