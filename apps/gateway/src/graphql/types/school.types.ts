import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Standard } from './region.types';

@ObjectType()
export class ClassCount {
  @Field() stage!: string;
  @Field(() => Int) grade!: number;
  @Field(() => Int) classes!: number;
}

@ObjectType({ description: 'The district a school belonged to on the date (its name and code only)' })
export class DistrictRef {
  @Field(() => ID) code!: string;
  @Field() name!: string;
}

@ObjectType({ description: 'A school as identity’s tree had it on a date' })
export class School {
  @Field(() => ID) code!: string;
  @Field() name!: string;
  @Field() schoolType!: string;
  @Field(() => [String]) stages!: string[];
  @Field(() => [ClassCount]) classes!: ClassCount[];
  @Field({ description: 'open or closed' }) status!: string;
  @Field({ description: 'The date this version of the school took effect' }) since!: string;
  @Field() registeredOn!: string;
  @Field() asOf!: string;
  regionCode!: string;
}

@ObjectType({ description: 'Headcounts of a school as of a date' })
export class Headcounts {
  @Field(() => String, { nullable: true }) asOf!: string | null;
  @Field(() => Int, { nullable: true }) students!: number | null;
  @Field(() => Int, { nullable: true }) teachers!: number | null;
  @Field(() => Int, { nullable: true }) staff!: number | null;
  @Field({ description: 'Where the figures come from' }) source!: string;
}

@ObjectType({ description: 'A school’s verdict under one standard, as its score sheet gives it' })
export class SchoolStanding {
  @Field(() => Standard) standard!: Standard;
  @Field() label!: string;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => Int, { nullable: true }) stars!: number | null;
  @Field(() => Boolean, { nullable: true }) passed!: boolean | null;
  @Field(() => String, { nullable: true }) level!: string | null;
  @Field(() => Int, { nullable: true }) basicMet!: number | null;
  @Field(() => Int, { nullable: true }) basicTotal!: number | null;
  @Field(() => String, { nullable: true }) computedAt!: string | null;
}

@ObjectType({ description: 'One item of a score sheet' })
export class SheetRow {
  @Field(() => ID) itemId!: string;
  @Field(() => String, { nullable: true }) number!: string | null;
  @Field(() => [String]) groups!: string[];
  @Field() text!: string;
  @Field() label!: string;
  @Field() flags!: string;
  @Field(() => Float, { nullable: true }) maxPoints!: number | null;
  @Field() basis!: string;
  @Field() window!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) threshold!: number | null;
  @Field() met!: boolean;
  @Field(() => Float, { nullable: true }) points!: number | null;
  @Field(() => Int) contributing!: number;
  @Field(() => [String], { description: 'Evidence provenance: ids of contributing records (a sample)' }) sampleIds!: string[];
  @Field({ description: 'The formula (derived items) or the evidence asked for (attested items)' }) formulaOrEvidence!: string;
  @Field({ description: 'Derived as of a date, or where the attestation’s review stands' }) status!: string;
  @Field() override!: string;
}

@ObjectType({ description: 'A school’s score sheet for one standard and one review column' })
export class ScoreSheet {
  @Field(() => Standard) standard!: Standard;
  @Field() asOf!: string;
  @Field({ description: 'self (the school’s claim) or a review level of the standard’s chain' }) column!: string;
  @Field({ description: 'The assessment’s feed position the facts had reached' }) checkpoint!: string;
  @Field({ description: 'The verdict, as JSON (its shape differs per standard)' }) verdictJson!: string;
  @Field(() => [SheetRow]) rows!: SheetRow[];
}

@ObjectType({ description: 'A document attached to an attestation: metadata only, never its bytes' })
export class DocumentMeta {
  @Field(() => Standard) standard!: Standard;
  @Field(() => ID) itemId!: string;
  @Field() name!: string;
  @Field() mediaType!: string;
  @Field(() => Int) bytes!: number;
  @Field() sha256!: string;
}

@ObjectType({ description: 'A level’s decision on an attestation' })
export class LevelDecision {
  @Field() level!: string;
  @Field() decision!: string;
  @Field() comment!: string;
  @Field(() => Float, { nullable: true }) points!: number | null;
  @Field() at!: string;
}

@ObjectType({ description: 'Where an attested item’s review stands' })
export class ItemReview {
  @Field(() => ID) itemId!: string;
  @Field(() => String, { nullable: true }) attestationId!: string | null;
  @Field(() => String, { nullable: true }) status!: string | null;
  @Field(() => [LevelDecision]) decisions!: LevelDecision[];
}

@ObjectType({ description: 'One event of a school’s review history' })
export class ReviewHistoryEntry {
  @Field() type!: string;
  @Field(() => ID) itemId!: string;
  @Field(() => String, { nullable: true }) level!: string | null;
  @Field(() => String, { nullable: true }) at!: string | null;
  @Field(() => String, { nullable: true, description: 'The role that acted' }) role!: string | null;
}

@ObjectType({ description: 'A school’s review under one standard: each attested item and the history' })
export class SchoolReview {
  @Field(() => Standard) standard!: Standard;
  @Field(() => [String], { description: 'The review chain’s levels, first to last' }) chain!: string[];
  @Field(() => [ItemReview]) items!: ItemReview[];
  @Field(() => [ReviewHistoryEntry]) history!: ReviewHistoryEntry[];
}

@ObjectType()
export class SchoolEdge {
  @Field() cursor!: string;
  @Field(() => School) node!: School;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType({ description: 'A page of schools, by code' })
export class SchoolConnection {
  @Field(() => Int, { description: 'Schools matching the filter that the caller may see' }) totalCount!: number;
  @Field(() => [SchoolEdge]) edges!: SchoolEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
