import { STANDARD_IDS } from '@educube/assessment-catalog';
import { z } from 'zod';
import { ROLES } from './chains';

// Attestations and their review as events (past tense, versioned) and the commands that ask for
// them (imperative). Both are `{ type, version | —, data }` discriminated unions whose types are
// inferred from the schemas, so the service can validate what it reads back from the store.

export const schoolCode = z.string().regex(/^\d{10}$/, 'a school code is 10 digits');
export const regionCode = z.string().regex(/^\d{6}$/, 'a region code is 6 digits');
const standard = z.enum(STANDARD_IDS);
const itemId = z.string().min(1).max(64);
const attestationId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\s]+$/, 'an attestation id has no whitespace');
const level = z.enum(['district', 'county', 'city', 'region', 'province']);
const at = z.iso.datetime({ offset: true });
const nonBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, { message: 'must not be blank' });
const points = z.number().finite().nonnegative();

export const actorRef = z.strictObject({ subject: z.string().min(1), role: z.enum(ROLES) });
export type ActorRef = z.infer<typeof actorRef>;

export const documentRef = z.strictObject({
  name: z.string().min(1).max(255),
  mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'a media type is type/subtype, e.g. application/pdf'),
  bytes: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 is 64 lowercase hex digits'),
});
export type DocumentRef = z.infer<typeof documentRef>;

const submission = {
  school: schoolCode,
  standard,
  itemId,
  statement: nonBlank(4000),
  documents: z.array(documentRef).min(1, 'at least one document').max(20, 'at most 20 documents'),
};
const review = {
  school: schoolCode,
  standard,
  itemId,
  attestationId,
  level,
  decision: z.enum(['accepted', 'rejected']),
  /** Required (non-blank) on a rejection: the school must learn what to fix. */
  comment: z.string().max(2000),
  /** Points standards: partial points, at most the item's. Absent = the item's points. */
  points: points.optional(),
};
const override = {
  school: schoolCode,
  standard,
  itemId,
  level,
  met: z.boolean(),
  points: points.optional(),
  reason: nonBlank(2000),
};
const withdrawal = { school: schoolCode, standard, itemId, level, reason: nonBlank(2000) };

const event = <T extends string, S extends z.ZodRawShape>(type: T, data: S) =>
  z.strictObject({ type: z.literal(type), version: z.literal(1), data: z.strictObject({ ...data, by: actorRef, at }) });

export const AttestationSubmittedV1 = event('AttestationSubmitted', { ...submission, attestationId });
export const ItemReviewedV1 = event('ItemReviewed', review);
export const DerivedValueOverriddenV1 = event('DerivedValueOverridden', override);
export const OverrideWithdrawnV1 = event('OverrideWithdrawn', withdrawal);
export const reviewEventSchema = z.discriminatedUnion('type', [AttestationSubmittedV1, ItemReviewedV1, DerivedValueOverriddenV1, OverrideWithdrawnV1]);

export type AttestationSubmitted = z.infer<typeof AttestationSubmittedV1>;
export type ItemReviewed = z.infer<typeof ItemReviewedV1>;
export type DerivedValueOverridden = z.infer<typeof DerivedValueOverriddenV1>;
export type OverrideWithdrawn = z.infer<typeof OverrideWithdrawnV1>;
export type ReviewEvent = z.infer<typeof reviewEventSchema>;

const command = <T extends string, S extends z.ZodRawShape>(type: T, data: S) => z.strictObject({ type: z.literal(type), data: z.strictObject(data) });

export const SubmitAttestation = command('SubmitAttestation', submission);
export const ReviewItem = command('ReviewItem', review);
export const OverrideDerivedValue = command('OverrideDerivedValue', override);
export const WithdrawOverride = command('WithdrawOverride', withdrawal);
export const reviewCommandSchema = z.discriminatedUnion('type', [SubmitAttestation, ReviewItem, OverrideDerivedValue, WithdrawOverride]);
export type ReviewCommand = z.infer<typeof reviewCommandSchema>;

export const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('region'), regionCode }),
  z.strictObject({ kind: z.literal('schools'), schoolCodes: z.array(schoolCode) }),
]);
export type Scope = z.infer<typeof scopeSchema>;

/** Who asks, where the school is, and what the caller supplies so that decide stays pure. */
export const decisionContextSchema = z.strictObject({
  actor: z.strictObject({ subject: z.string().min(1), role: z.enum(ROLES), scope: scopeSchema }),
  /** The school's region (the county-level code it belongs to). */
  schoolRegionCode: regionCode,
  now: at,
  /** The id a SubmitAttestation gives the new attestation. */
  newAttestationId: attestationId,
});
export type DecisionContext = z.infer<typeof decisionContextSchema>;
