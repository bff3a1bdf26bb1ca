import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Float } from '@nestjs/graphql';
import { LabelCount, Standard } from './region.types';

@ObjectType({ description: 'The caller as their token names them' })
export class Viewer {
  @Field(() => ID) subject!: string;
  @Field(() => String, { nullable: true }) username!: string | null;
  @Field() role!: string;
  @Field(() => [String]) roles!: string[];
  @Field(() => String, { nullable: true, description: 'Officers: the region their token scopes them to' }) regionCode!: string | null;
  @Field(() => [ID], { description: 'School staff: the schools their token names' }) schoolCodes!: string[];
}

export enum AlertKind {
  SILENT_SOURCE = 'SILENT_SOURCE',
  DEAD_LETTERS = 'DEAD_LETTERS',
  PARKED_EVENTS = 'PARKED_EVENTS',
}
registerEnumType(AlertKind, { name: 'AlertKind', description: 'What an alert is about (the cockpit issue adds indicator alerts)' });

@ObjectType({ description: 'Something an officer should look at, derived from live figures' })
export class Alert {
  @Field(() => ID, { description: 'Stable while the condition lasts' }) id!: string;
  @Field(() => AlertKind) kind!: AlertKind;
  @Field({ description: 'warning or critical' }) severity!: string;
  @Field(() => ID) school!: string;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => ID, { description: 'The school’s district' }) region!: string;
  @Field() message!: string;
  @Field(() => String, { nullable: true }) since!: string | null;
}

@ObjectType({ description: 'A region’s ingestion counters at a moment (live)' })
export class IngestionCounters {
  @Field(() => ID) region!: string;
  @Field() at!: string;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) rejects!: number;
  @Field(() => Int) parked!: number;
  @Field(() => Float) eventsPerMinute!: number;
  @Field(() => Int) silentSources!: number;
}

@ObjectType({ description: 'A region’s verdict distribution under a standard changed (live)' })
export class StandingChange {
  @Field(() => ID) region!: string;
  @Field() at!: string;
  @Field(() => Standard) standard!: Standard;
  @Field(() => Int) schools!: number;
  @Field(() => [LabelCount]) distribution!: LabelCount[];
}

@ObjectType({ description: 'A school’s verdict under a standard changed (its evidence or review moved it) (live)' })
export class SchoolStandingChange {
  @Field(() => ID) school!: string;
  @Field() at!: string;
  @Field(() => Standard) standard!: Standard;
  @Field() label!: string;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => Int, { nullable: true }) stars!: number | null;
  @Field(() => String, { nullable: true }) computedAt!: string | null;
}
