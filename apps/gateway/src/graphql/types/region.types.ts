import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum RegionLevel {
  province = 'province',
  city = 'city',
  district = 'district',
}
registerEnumType(RegionLevel, { name: 'RegionLevel', description: '省 / 市 / 区县' });

export enum Standard {
  zhejiang = 'zhejiang',
  ningbo = 'ningbo',
  wenzhou = 'wenzhou',
  ningxia = 'ningxia',
  jiangsu = 'jiangsu',
}
registerEnumType(Standard, { name: 'Standard', description: 'The five indicator systems the hub assesses against' });

export enum FormFormat {
  html = 'html',
  csv = 'csv',
}
registerEnumType(FormFormat, { name: 'FormFormat', description: 'A filled form as a page to print (html) or a spreadsheet (csv)' });

@ObjectType({ description: 'A province, city or district of identity’s organisation tree as of a date' })
export class Region {
  @Field(() => ID) code!: string;
  @Field() name!: string;
  @Field(() => RegionLevel) level!: RegionLevel;
  /** The date the tree is read at (YYYY-MM-DD); carried to nested fields. */
  @Field({ description: 'The date the tree is read at (YYYY-MM-DD)' }) asOf!: string;
  parentCode!: string | null;
}

@ObjectType({ description: 'A count of schools with one verdict label' })
export class LabelCount {
  @Field({ description: 'e.g. 3-star, passed, basic-met, a Wenzhou level id, a Ningbo score band' }) label!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'One item’s met-rate across the region’s schools: which indicators lag' })
export class ItemMetRate {
  @Field(() => ID) itemId!: string;
  @Field(() => String, { nullable: true }) number!: string | null;
  @Field() label!: string;
  @Field({ description: 'derived, attested or derived+attested' }) basis!: string;
  @Field(() => Int) met!: number;
  @Field(() => Int) schools!: number;
  @Field(() => Float) rate!: number;
}

@ObjectType({ description: 'The verdict distribution of a month (the trend starts when the hub started keeping it)' })
export class TrendPoint {
  @Field({ description: 'YYYY-MM' }) month!: string;
  @Field({ description: 'The school semester the month falls in' }) semester!: string;
  @Field(() => Int) schools!: number;
  @Field(() => [LabelCount]) distribution!: LabelCount[];
}

@ObjectType({ description: 'Each item’s met-rate in one month (the trend starts when the hub started keeping it)' })
export class ItemTrendPoint {
  @Field({ description: 'YYYY-MM' }) month!: string;
  @Field() semester!: string;
  @Field(() => [ItemMetRate]) items!: ItemMetRate[];
}

@ObjectType({ description: 'Ningxia 第十一条: at most 30 % of a district’s cultivated schools rated three-star a year' })
export class ThreeStarCap {
  @Field(() => ID) district!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int) cultivated!: number;
  @Field(() => Int) threeStarByScore!: number;
  @Field(() => Int) threeStarAfterCap!: number;
  @Field(() => [ID], { description: 'Schools whose third star the cap held back' }) heldBack!: string[];
}

@ObjectType({ description: 'A rating the region granted a school in an earlier year (第十条)' })
export class GrantedRating {
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: '0 (未定级 or title cancelled), or 2–5: there is no 一星级' }) stars!: number;
}

@ObjectType({ description: 'One school under Ningxia’s region rulings, with the reasons' })
export class SchoolRuling {
  @Field(() => ID) school!: string;
  @Field(() => Float) total!: number;
  @Field(() => Int, { description: 'The stars the score alone gives' }) starsByScore!: number;
  @Field(() => Int, { description: 'After the ★ veto: the school’s sheet' }) stars!: number;
  @Field(() => Int, { description: 'After 第十一条（二）’s district cap' }) starsAfterCap!: number;
  @Field() capped!: boolean;
  @Field(() => [GrantedRating], { description: 'Ratings granted in earlier years, oldest first' }) history!: GrantedRating[];
  @Field(() => Int, { description: 'After 第十四条: what the region’s figures count' }) finalStars!: number;
  @Field() downgraded!: boolean;
  @Field(() => [String], { description: 'Rule by rule, in the document’s terms' }) reasons!: string[];
}

@ObjectType({ description: 'Ningxia 第十一条（二） and 第十四条 for one district in the rating year' })
export class DistrictRulings {
  @Field(() => ID) district!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: '当地培育学校总数: the district’s schools rated under Ningxia this year' }) cultivated!: number;
  @Field(() => Int, { description: 'floor(30 % × cultivated) three-star places' }) places!: number;
  @Field(() => Int) threeStarByScore!: number;
  @Field(() => Int) threeStarAfterCap!: number;
  @Field(() => [ID]) heldBack!: string[];
  @Field(() => [ID]) downgraded!: string[];
  @Field(() => [SchoolRuling]) schools!: SchoolRuling[];
}

@ObjectType({ description: 'Ningxia’s region rulings over a region’s districts: the three-star cap and the three-year downgrade, with reasons' })
export class NingxiaRulings {
  @Field(() => Int) year!: number;
  @Field({ description: 'The assessment date the standings are for' }) asOf!: string;
  @Field(() => [DistrictRulings]) districts!: DistrictRulings[];
}

@ObjectType({ description: 'A region’s standing under one standard, precomputed by the assessment service' })
export class RegionStanding {
  @Field(() => Standard) standard!: Standard;
  @Field({ description: 'The assessment date the figures are for' }) asOf!: string;
  @Field(() => Int) schools!: number;
  @Field(() => [LabelCount]) distribution!: LabelCount[];
  @Field(() => Float, { nullable: true, description: 'Jiangsu: the share of schools that passed' }) passRate!: number | null;
  @Field(() => [ItemMetRate]) items!: ItemMetRate[];
  @Field(() => [TrendPoint], { description: 'Month by month' }) trend!: TrendPoint[];
  @Field(() => [TrendPoint], { description: 'Semester by semester: each semester’s last month' }) semesters!: TrendPoint[];
  @Field(() => [ThreeStarCap], { description: 'Ningxia only: the cap as applied per district and year' }) threeStarCap!: ThreeStarCap[];
  /** The region and window asked for, for the item trend. */
  regionCode!: string;
  months!: number;
}

@ObjectType({ description: 'A month of school-system activity, from the warehouse’s read models' })
export class ActivityMonth {
  @Field({ description: 'YYYY-MM' }) month!: string;
  @Field(() => Int) teacherSpaceEvents!: number;
  @Field(() => Int) activeTeacherSpaces!: number;
  @Field(() => Int) resourceUploads!: number;
  @Field(() => Int, { nullable: true, description: '专任教师 from the latest HeadcountReported by the month’s end' }) teachers!: number | null;
  @Field(() => Float, { nullable: true }) uploadsPerTeacher!: number | null;
  @Field(() => Int) lessonsDelivered!: number;
  @Field(() => Int, { description: 'Lessons delivered in any remote mode (专递课堂, 名师课堂, 名校网络课堂, 同步课堂)' }) remoteLessons!: number;
  @Field(() => Int, { description: '三个课堂: 专递课堂, 名师课堂 and 名校网络课堂 lessons' }) threeClassroomLessons!: number;
  @Field(() => Int, { description: 'Uploads by teachers (the numerator of uploadsPerTeacher)' }) teacherUploads!: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Schools whose headcount report gives the teachers (compare with the region’s schools before trusting a ratio)',
  })
  schoolsWithHeadcount!: number | null;
  @Field(() => Int) attendanceExpected!: number;
  @Field(() => Int) attendancePresent!: number;
  @Field(() => Float, { nullable: true }) attendanceRate!: number | null;
  @Field(() => Int) devices!: number;
  @Field(() => Float, { nullable: true }) devicesPerTeacher!: number | null;
  @Field(() => Float, { nullable: true, description: 'Devices per 行政班' }) devicesPerClass!: number | null;
}

@ObjectType({ description: 'A source system of a school that sent before and has been quiet since' })
export class SilentSource {
  @Field(() => ID) school!: string;
  @Field() source!: string;
  @Field(() => String, { nullable: true }) lastEventAt!: string | null;
}

@ObjectType({ description: 'What one source system of one school has sent' })
export class SourceHealth {
  @Field(() => ID) school!: string;
  @Field() source!: string;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) rejects!: number;
  @Field(() => Int) parked!: number;
  @Field(() => Float) eventsPerMinute!: number;
  @Field(() => String, { nullable: true }) lastEventAt!: string | null;
  @Field() silent!: boolean;
}

@ObjectType({ description: 'Ingestion health over a region’s or a school’s sources' })
export class IngestionHealth {
  @Field(() => Int) accepted!: number;
  @Field(() => Int, { description: 'Dead letters kept' }) rejects!: number;
  @Field(() => Int) parked!: number;
  @Field(() => Float) eventsPerMinute!: number;
  @Field(() => String, { nullable: true }) lastEventAt!: string | null;
  @Field(() => Int, { nullable: true, description: 'Events stored but not yet in the read models (the warehouse’s projection lag)' }) projectionLag!:
    number | null;
  @Field(() => [SilentSource]) silentSources!: SilentSource[];
  @Field(() => [SourceHealth]) sources!: SourceHealth[];
}

@InputType({ description: 'Narrows a page of schools; every filter is applied within what the caller may see' })
export class SchoolFilter {
  @Field({ nullable: true, description: '学段: 小学, 初中, 高中, 中职' }) stage?: string;
  @Field({ nullable: true, description: 'Part of the name or the code' }) search?: string;
  @Field(() => Standard, { nullable: true, description: 'The standard `verdict` and `stars` refer to' }) standard?: Standard;
  @Field({ nullable: true, description: 'A verdict label under `standard` (e.g. passed, 2-star, basic-met)' }) verdict?: string;
  @Field(() => Int, { nullable: true, description: 'Ningxia stars after the cap, 0..5 (needs no `standard`)' }) stars?: number;
  @Field({ nullable: true, description: 'Only schools with a silent source (true) or without (false)' }) silent?: boolean;
}
