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
  REJECT_SPIKE = 'REJECT_SPIKE',
  ATTENDANCE_ANOMALY = 'ATTENDANCE_ANOMALY',
  INDICATOR_REGRESSION = 'INDICATOR_REGRESSION',
  DEAD_LETTERS = 'DEAD_LETTERS',
  PARKED_EVENTS = 'PARKED_EVENTS',
}
registerEnumType(AlertKind, {
  name: 'AlertKind',
  description: 'The rule that raised an alert',
  valuesMap: {
    SILENT_SOURCE: { description: 'A school system that sends in school hours has sent nothing for the configured school time (school calendar, China time)' },
    REJECT_SPIKE: { description: 'The share of a source’s events the hub refuses jumped above its own baseline' },
    ATTENDANCE_ANOMALY: { description: 'A school day’s attendance far from the school’s own recent normal' },
    INDICATOR_REGRESSION: { description: 'A school lost an item it met under a standard, or a star' },
    DEAD_LETTERS: { deprecationReason: 'Refusals are alerted as REJECT_SPIKE against the source’s baseline; dead letters are counted in Region.ingestion' },
    PARKED_EVENTS: { deprecationReason: 'Parked events are counted in Region.ingestion; no alert is raised for them' },
  },
});

export enum AlertStatus {
  RAISED = 'RAISED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}
registerEnumType(AlertStatus, { name: 'AlertStatus', description: 'RAISED and ACKNOWLEDGED alerts are open; an alert resolves when its condition clears' });

export enum AlertFilter {
  OPEN = 'OPEN',
  ALL = 'ALL',
}
registerEnumType(AlertFilter, { name: 'AlertFilter', description: 'OPEN: raised or acknowledged; ALL: resolved ones too' });

@ObjectType({ description: 'Who acknowledged an alert ("seen, someone is on it"), when and why' })
export class AlertAcknowledgement {
  @Field({ description: 'The officer’s subject (identity’s person id in the token)' }) by!: string;
  @Field() role!: string;
  @Field() at!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ description: 'A figure the rule measured, beside the threshold it was compared with' })
export class AlertMeasure {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) observed!: string | null;
  @Field(() => String, { nullable: true }) threshold!: string | null;
}

@ObjectType({
  description: 'An alert from the alert stream of the school’s district: raised by a rule, acknowledged by an officer, resolved when its condition clears',
})
export class Alert {
  @Field(() => ID, { description: '<rule>:<subject>:<episode>; stable for the alert’s life' }) id!: string;
  @Field(() => AlertKind) kind!: AlertKind;
  @Field({ description: 'warning or critical' }) severity!: string;
  @Field(() => AlertStatus) status!: AlertStatus;
  @Field(() => ID) school!: string;
  @Field(() => String, { nullable: true, description: 'The sending system (SILENT_SOURCE, REJECT_SPIKE)' }) source!: string | null;
  @Field(() => String, { nullable: true, description: 'The standard (INDICATOR_REGRESSION)' }) standard!: string | null;
  @Field(() => String, { nullable: true, description: 'The item lost (INDICATOR_REGRESSION of an item)' }) itemId!: string | null;
  @Field(() => ID, { description: 'The school’s district: the stream the alert lives in' }) region!: string;
  @Field({ description: 'What happened, in Chinese' }) message!: string;
  @Field({ description: 'What happened, in English' }) messageEn!: string;
  @Field(() => String, { nullable: true, description: 'When the condition began (the last event of a silence, the outlier day), else when it was raised' })
  since!: string | null;
  @Field() raisedAt!: string;
  @Field(() => AlertAcknowledgement, { nullable: true }) acknowledgement!: AlertAcknowledgement | null;
  @Field(() => String, { nullable: true }) resolvedAt!: string | null;
  @Field(() => [AlertMeasure], { description: 'What the rule measured and its thresholds' }) measures!: AlertMeasure[];
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
