import type { StandardId } from '@educube/assessment-catalog';
import type { ActorRef, DocumentRef, ReviewEvent } from './events';
import type { ReviewLevelId } from './chains';

export interface LevelDecision {
  readonly decision: 'accepted' | 'rejected';
  readonly comment: string;
  readonly points?: number;
  readonly by: ActorRef;
  readonly at: string;
}

export interface Attestation {
  readonly attestationId: string;
  readonly itemId: string;
  readonly statement: string;
  readonly documents: readonly DocumentRef[];
  readonly by: ActorRef;
  readonly at: string;
  /** Each level's standing decision on this attestation (earlier ones are in the history). */
  readonly reviews: Readonly<Partial<Record<ReviewLevelId, LevelDecision>>>;
}

export interface OverrideRecord {
  readonly met: boolean;
  readonly points?: number;
  readonly reason: string;
  readonly by: ActorRef;
  readonly at: string;
}

/** One school's attestations, reviews and overrides for one standard. */
export interface ReviewState {
  readonly school: string | null;
  readonly standard: StandardId | null;
  /** Every attestation ever submitted, by id. */
  readonly attestations: Readonly<Record<string, Attestation>>;
  /** The attestation under review for each item: the latest one submitted. */
  readonly current: Readonly<Record<string, string>>;
  /** The standing override of each derived item, per level that made one. */
  readonly overrides: Readonly<Record<string, Readonly<Partial<Record<ReviewLevelId, OverrideRecord>>>>>;
  readonly history: readonly ReviewEvent[];
}

export const initialState: ReviewState = { school: null, standard: null, attestations: {}, current: {}, overrides: {}, history: [] };

/** Folds one event into the state; never changes its input. */
export function evolve(state: ReviewState, event: ReviewEvent): ReviewState {
  const next = { ...state, school: state.school ?? event.data.school, standard: state.standard ?? event.data.standard, history: [...state.history, event] };
  switch (event.type) {
    case 'AttestationSubmitted': {
      const { attestationId, itemId, statement, documents, by, at } = event.data;
      return {
        ...next,
        attestations: { ...state.attestations, [attestationId]: { attestationId, itemId, statement, documents, by, at, reviews: {} } },
        current: { ...state.current, [itemId]: attestationId },
      };
    }
    case 'ItemReviewed': {
      const { attestationId, level, decision, comment, points, by, at } = event.data;
      const a = state.attestations[attestationId];
      if (!a) return next;
      const decided: LevelDecision = points === undefined ? { decision, comment, by, at } : { decision, comment, points, by, at };
      return { ...next, attestations: { ...state.attestations, [attestationId]: { ...a, reviews: { ...a.reviews, [level]: decided } } } };
    }
    case 'DerivedValueOverridden': {
      const { itemId, level, met, points, reason, by, at } = event.data;
      const record: OverrideRecord = points === undefined ? { met, reason, by, at } : { met, points, reason, by, at };
      return { ...next, overrides: { ...state.overrides, [itemId]: { ...state.overrides[itemId], [level]: record } } };
    }
    case 'OverrideWithdrawn': {
      const { itemId, level } = event.data;
      const rest = Object.fromEntries(Object.entries(state.overrides[itemId] ?? {}).filter(([l]) => l !== level));
      return { ...next, overrides: { ...state.overrides, [itemId]: rest } };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const evolveAll = (events: readonly ReviewEvent[], from: ReviewState = initialState): ReviewState => events.reduce(evolve, from);

/** Every event in the order it was applied: the score sheet's audit trail. */
export const history = (state: ReviewState): readonly ReviewEvent[] => state.history;
