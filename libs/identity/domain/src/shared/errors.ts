/**
 * One typed error for the identity domain. The app maps each code to an HTTP/GraphQL answer
 * (an exhaustive switch over IdentityErrorCode); the message names the offending value so a
 * person can act on it.
 */
export enum IdentityErrorCode {
  INVALID_CODE = 'INVALID_CODE',
  INVALID_DATE = 'INVALID_DATE',
  INVALID_NAME = 'INVALID_NAME',
  UNKNOWN_REGION = 'UNKNOWN_REGION',
  DUPLICATE_REGION = 'DUPLICATE_REGION',
  REGION_NOT_A_DISTRICT = 'REGION_NOT_A_DISTRICT',
  UNKNOWN_SCHOOL = 'UNKNOWN_SCHOOL',
  DUPLICATE_SCHOOL = 'DUPLICATE_SCHOOL',
  SCHOOL_CLOSED = 'SCHOOL_CLOSED',
  SCHOOL_NOT_CLOSED = 'SCHOOL_NOT_CLOSED',
  STAGES_MISMATCH = 'STAGES_MISMATCH',
  INVALID_CLASSES = 'INVALID_CLASSES',
  OUT_OF_ORDER = 'OUT_OF_ORDER',
  UNKNOWN_PERSON = 'UNKNOWN_PERSON',
  DUPLICATE_PERSON = 'DUPLICATE_PERSON',
  WRONG_PERSON_KIND = 'WRONG_PERSON_KIND',
  NOT_PLACED = 'NOT_PLACED',
  TRANSFER_REQUIRED = 'TRANSFER_REQUIRED',
  PERSON_LEFT = 'PERSON_LEFT',
  ID_LINK_CONFLICT = 'ID_LINK_CONFLICT',
  INVALID_REF = 'INVALID_REF',
  INVALID_SCOPE = 'INVALID_SCOPE',
}

export interface IdentityErrorDetails {
  /** the field or column at fault */
  readonly field?: string;
  /** the rule it breaks, short and stable (e.g. 'ten-digits', 'exists') */
  readonly rule?: string;
  /** the offending value */
  readonly value?: unknown;
}

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  constructor(
    readonly code: IdentityErrorCode,
    message: string,
    readonly details: IdentityErrorDetails = {},
  ) {
    super(message);
  }
}

export const fail = (code: IdentityErrorCode, message: string, details?: IdentityErrorDetails): never => {
  throw new IdentityError(code, message, details);
};
