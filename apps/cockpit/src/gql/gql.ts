/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me { subject username role regionCode schoolCodes }\n    regions { code name level }\n  }\n": typeof types.MeDocument,
    "\n  query RegionTree($code: ID!) {\n    region(code: $code) { code name level children { code name level children { code name level } } }\n  }\n": typeof types.RegionTreeDocument,
    "\n  query Overview($code: ID!) {\n    region(code: $code) {\n      code name level schoolCount\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt silentSources { school source lastEventAt } }\n      zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n      ningbo: standing(standard: ningbo) { schools distribution { label count } }\n      wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n      ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      jiangsu: standing(standard: jiangsu) { schools passRate distribution { label count } }\n      ningxiaRulings { year districts { district name schools { school starsAfterCap finalStars capped downgraded reasons } } }\n      children {\n        code name schoolCount\n        zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n        ningbo: standing(standard: ningbo) { schools distribution { label count } }\n        wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n        jiangsu: standing(standard: jiangsu) { schools distribution { label count } }\n        ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      }\n    }\n  }\n": typeof types.OverviewDocument,
    "\n  subscription IngestionLive($region: ID!) {\n    ingestionCounters(region: $region) { region at accepted rejects parked eventsPerMinute silentSources }\n  }\n": typeof types.IngestionLiveDocument,
    "\n  query Heatmap($code: ID!, $standard: Standard!) {\n    region(code: $code) {\n      code\n      standing(standard: $standard) { items { itemId number label rate schools } }\n      children { code name standing(standard: $standard) { items { itemId rate schools } } }\n    }\n  }\n": typeof types.HeatmapDocument,
    "\n  query Trends($code: ID!) {\n    region(code: $code) {\n      code\n      activity { month teacherSpaceEvents activeTeacherSpaces uploadsPerTeacher threeClassroomLessons remoteLessons lessonsDelivered attendanceRate }\n    }\n  }\n": typeof types.TrendsDocument,
    "\n  query IngestionView($code: ID!) {\n    region(code: $code) {\n      code\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt projectionLag sources { school source accepted rejects parked eventsPerMinute lastEventAt silent } }\n    }\n  }\n": typeof types.IngestionViewDocument,
    "\n  fragment AlertFields on Alert { id kind severity status school region source standard itemId message messageEn since raisedAt resolvedAt acknowledgement { by role at note } measures { name observed threshold } }\n": typeof types.AlertFieldsFragmentDoc,
    "\n  query AlertsView($code: ID!) {\n    region(code: $code) {\n      code\n      alerts(first: 100) { ...AlertFields }\n    }\n  }\n": typeof types.AlertsViewDocument,
    "\n  subscription AlertsLive($region: ID!) {\n    alertRaised(region: $region) { ...AlertFields }\n  }\n": typeof types.AlertsLiveDocument,
    "\n  mutation AcknowledgeAlert($id: ID!, $note: String) {\n    acknowledgeAlert(id: $id, note: $note) { ...AlertFields }\n  }\n": typeof types.AcknowledgeAlertDocument,
    "\n  query SchoolList($code: ID!, $after: String, $search: String) {\n    region(code: $code) { schools(first: 50, after: $after, filter: { search: $search }) { totalCount edges { node { code name } } pageInfo { hasNextPage endCursor } } }\n  }\n": typeof types.SchoolListDocument,
    "\n  query SchoolDrill($code: ID!, $standard: Standard!) {\n    school(code: $code) {\n      code name schoolType stages status district { code name }\n      headcounts { students teachers staff }\n      standings { standard label score stars passed level basicMet basicTotal computedAt }\n      sheet(standard: $standard) { asOf column checkpoint rows { itemId number label basis value threshold met points window contributing sampleIds formulaOrEvidence status override } }\n      review(standard: $standard) { chain items { itemId status decisions { level decision at } } }\n    }\n  }\n": typeof types.SchoolDrillDocument,
    "\n  query NingxiaForm($code: ID!) { school(code: $code) { code ningxiaForm(format: html) } }\n": typeof types.NingxiaFormDocument,
    "\n  subscription StandingsLive($region: ID!) {\n    standingChanged(region: $region) { region at standard schools }\n  }\n": typeof types.StandingsLiveDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me { subject username role regionCode schoolCodes }\n    regions { code name level }\n  }\n": types.MeDocument,
    "\n  query RegionTree($code: ID!) {\n    region(code: $code) { code name level children { code name level children { code name level } } }\n  }\n": types.RegionTreeDocument,
    "\n  query Overview($code: ID!) {\n    region(code: $code) {\n      code name level schoolCount\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt silentSources { school source lastEventAt } }\n      zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n      ningbo: standing(standard: ningbo) { schools distribution { label count } }\n      wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n      ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      jiangsu: standing(standard: jiangsu) { schools passRate distribution { label count } }\n      ningxiaRulings { year districts { district name schools { school starsAfterCap finalStars capped downgraded reasons } } }\n      children {\n        code name schoolCount\n        zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n        ningbo: standing(standard: ningbo) { schools distribution { label count } }\n        wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n        jiangsu: standing(standard: jiangsu) { schools distribution { label count } }\n        ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      }\n    }\n  }\n": types.OverviewDocument,
    "\n  subscription IngestionLive($region: ID!) {\n    ingestionCounters(region: $region) { region at accepted rejects parked eventsPerMinute silentSources }\n  }\n": types.IngestionLiveDocument,
    "\n  query Heatmap($code: ID!, $standard: Standard!) {\n    region(code: $code) {\n      code\n      standing(standard: $standard) { items { itemId number label rate schools } }\n      children { code name standing(standard: $standard) { items { itemId rate schools } } }\n    }\n  }\n": types.HeatmapDocument,
    "\n  query Trends($code: ID!) {\n    region(code: $code) {\n      code\n      activity { month teacherSpaceEvents activeTeacherSpaces uploadsPerTeacher threeClassroomLessons remoteLessons lessonsDelivered attendanceRate }\n    }\n  }\n": types.TrendsDocument,
    "\n  query IngestionView($code: ID!) {\n    region(code: $code) {\n      code\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt projectionLag sources { school source accepted rejects parked eventsPerMinute lastEventAt silent } }\n    }\n  }\n": types.IngestionViewDocument,
    "\n  fragment AlertFields on Alert { id kind severity status school region source standard itemId message messageEn since raisedAt resolvedAt acknowledgement { by role at note } measures { name observed threshold } }\n": types.AlertFieldsFragmentDoc,
    "\n  query AlertsView($code: ID!) {\n    region(code: $code) {\n      code\n      alerts(first: 100) { ...AlertFields }\n    }\n  }\n": types.AlertsViewDocument,
    "\n  subscription AlertsLive($region: ID!) {\n    alertRaised(region: $region) { ...AlertFields }\n  }\n": types.AlertsLiveDocument,
    "\n  mutation AcknowledgeAlert($id: ID!, $note: String) {\n    acknowledgeAlert(id: $id, note: $note) { ...AlertFields }\n  }\n": types.AcknowledgeAlertDocument,
    "\n  query SchoolList($code: ID!, $after: String, $search: String) {\n    region(code: $code) { schools(first: 50, after: $after, filter: { search: $search }) { totalCount edges { node { code name } } pageInfo { hasNextPage endCursor } } }\n  }\n": types.SchoolListDocument,
    "\n  query SchoolDrill($code: ID!, $standard: Standard!) {\n    school(code: $code) {\n      code name schoolType stages status district { code name }\n      headcounts { students teachers staff }\n      standings { standard label score stars passed level basicMet basicTotal computedAt }\n      sheet(standard: $standard) { asOf column checkpoint rows { itemId number label basis value threshold met points window contributing sampleIds formulaOrEvidence status override } }\n      review(standard: $standard) { chain items { itemId status decisions { level decision at } } }\n    }\n  }\n": types.SchoolDrillDocument,
    "\n  query NingxiaForm($code: ID!) { school(code: $code) { code ningxiaForm(format: html) } }\n": types.NingxiaFormDocument,
    "\n  subscription StandingsLive($region: ID!) {\n    standingChanged(region: $region) { region at standard schools }\n  }\n": types.StandingsLiveDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me { subject username role regionCode schoolCodes }\n    regions { code name level }\n  }\n"): (typeof documents)["\n  query Me {\n    me { subject username role regionCode schoolCodes }\n    regions { code name level }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionTree($code: ID!) {\n    region(code: $code) { code name level children { code name level children { code name level } } }\n  }\n"): (typeof documents)["\n  query RegionTree($code: ID!) {\n    region(code: $code) { code name level children { code name level children { code name level } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Overview($code: ID!) {\n    region(code: $code) {\n      code name level schoolCount\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt silentSources { school source lastEventAt } }\n      zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n      ningbo: standing(standard: ningbo) { schools distribution { label count } }\n      wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n      ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      jiangsu: standing(standard: jiangsu) { schools passRate distribution { label count } }\n      ningxiaRulings { year districts { district name schools { school starsAfterCap finalStars capped downgraded reasons } } }\n      children {\n        code name schoolCount\n        zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n        ningbo: standing(standard: ningbo) { schools distribution { label count } }\n        wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n        jiangsu: standing(standard: jiangsu) { schools distribution { label count } }\n        ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Overview($code: ID!) {\n    region(code: $code) {\n      code name level schoolCount\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt silentSources { school source lastEventAt } }\n      zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n      ningbo: standing(standard: ningbo) { schools distribution { label count } }\n      wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n      ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      jiangsu: standing(standard: jiangsu) { schools passRate distribution { label count } }\n      ningxiaRulings { year districts { district name schools { school starsAfterCap finalStars capped downgraded reasons } } }\n      children {\n        code name schoolCount\n        zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n        ningbo: standing(standard: ningbo) { schools distribution { label count } }\n        wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n        jiangsu: standing(standard: jiangsu) { schools distribution { label count } }\n        ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IngestionLive($region: ID!) {\n    ingestionCounters(region: $region) { region at accepted rejects parked eventsPerMinute silentSources }\n  }\n"): (typeof documents)["\n  subscription IngestionLive($region: ID!) {\n    ingestionCounters(region: $region) { region at accepted rejects parked eventsPerMinute silentSources }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Heatmap($code: ID!, $standard: Standard!) {\n    region(code: $code) {\n      code\n      standing(standard: $standard) { items { itemId number label rate schools } }\n      children { code name standing(standard: $standard) { items { itemId rate schools } } }\n    }\n  }\n"): (typeof documents)["\n  query Heatmap($code: ID!, $standard: Standard!) {\n    region(code: $code) {\n      code\n      standing(standard: $standard) { items { itemId number label rate schools } }\n      children { code name standing(standard: $standard) { items { itemId rate schools } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Trends($code: ID!) {\n    region(code: $code) {\n      code\n      activity { month teacherSpaceEvents activeTeacherSpaces uploadsPerTeacher threeClassroomLessons remoteLessons lessonsDelivered attendanceRate }\n    }\n  }\n"): (typeof documents)["\n  query Trends($code: ID!) {\n    region(code: $code) {\n      code\n      activity { month teacherSpaceEvents activeTeacherSpaces uploadsPerTeacher threeClassroomLessons remoteLessons lessonsDelivered attendanceRate }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IngestionView($code: ID!) {\n    region(code: $code) {\n      code\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt projectionLag sources { school source accepted rejects parked eventsPerMinute lastEventAt silent } }\n    }\n  }\n"): (typeof documents)["\n  query IngestionView($code: ID!) {\n    region(code: $code) {\n      code\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt projectionLag sources { school source accepted rejects parked eventsPerMinute lastEventAt silent } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertFields on Alert { id kind severity status school region source standard itemId message messageEn since raisedAt resolvedAt acknowledgement { by role at note } measures { name observed threshold } }\n"): (typeof documents)["\n  fragment AlertFields on Alert { id kind severity status school region source standard itemId message messageEn since raisedAt resolvedAt acknowledgement { by role at note } measures { name observed threshold } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertsView($code: ID!) {\n    region(code: $code) {\n      code\n      alerts(first: 100) { ...AlertFields }\n    }\n  }\n"): (typeof documents)["\n  query AlertsView($code: ID!) {\n    region(code: $code) {\n      code\n      alerts(first: 100) { ...AlertFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlertsLive($region: ID!) {\n    alertRaised(region: $region) { ...AlertFields }\n  }\n"): (typeof documents)["\n  subscription AlertsLive($region: ID!) {\n    alertRaised(region: $region) { ...AlertFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeAlert($id: ID!, $note: String) {\n    acknowledgeAlert(id: $id, note: $note) { ...AlertFields }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeAlert($id: ID!, $note: String) {\n    acknowledgeAlert(id: $id, note: $note) { ...AlertFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchoolList($code: ID!, $after: String, $search: String) {\n    region(code: $code) { schools(first: 50, after: $after, filter: { search: $search }) { totalCount edges { node { code name } } pageInfo { hasNextPage endCursor } } }\n  }\n"): (typeof documents)["\n  query SchoolList($code: ID!, $after: String, $search: String) {\n    region(code: $code) { schools(first: 50, after: $after, filter: { search: $search }) { totalCount edges { node { code name } } pageInfo { hasNextPage endCursor } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchoolDrill($code: ID!, $standard: Standard!) {\n    school(code: $code) {\n      code name schoolType stages status district { code name }\n      headcounts { students teachers staff }\n      standings { standard label score stars passed level basicMet basicTotal computedAt }\n      sheet(standard: $standard) { asOf column checkpoint rows { itemId number label basis value threshold met points window contributing sampleIds formulaOrEvidence status override } }\n      review(standard: $standard) { chain items { itemId status decisions { level decision at } } }\n    }\n  }\n"): (typeof documents)["\n  query SchoolDrill($code: ID!, $standard: Standard!) {\n    school(code: $code) {\n      code name schoolType stages status district { code name }\n      headcounts { students teachers staff }\n      standings { standard label score stars passed level basicMet basicTotal computedAt }\n      sheet(standard: $standard) { asOf column checkpoint rows { itemId number label basis value threshold met points window contributing sampleIds formulaOrEvidence status override } }\n      review(standard: $standard) { chain items { itemId status decisions { level decision at } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NingxiaForm($code: ID!) { school(code: $code) { code ningxiaForm(format: html) } }\n"): (typeof documents)["\n  query NingxiaForm($code: ID!) { school(code: $code) { code ningxiaForm(format: html) } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StandingsLive($region: ID!) {\n    standingChanged(region: $region) { region at standard schools }\n  }\n"): (typeof documents)["\n  subscription StandingsLive($region: ID!) {\n    standingChanged(region: $region) { region at standard schools }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;