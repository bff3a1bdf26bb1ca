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
    "\n  query Overview($code: ID!) {\n    region(code: $code) {\n      code name level schoolCount\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt silentSources { school source lastEventAt } }\n      zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n      ningbo: standing(standard: ningbo) { schools distribution { label count } }\n      wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n      ningxia: standing(standard: ningxia) { schools distribution { label count } }\n      jiangsu: standing(standard: jiangsu) { schools passRate distribution { label count } }\n      children {\n        code name schoolCount\n        zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n        ningbo: standing(standard: ningbo) { schools distribution { label count } }\n        wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n        jiangsu: standing(standard: jiangsu) { schools distribution { label count } }\n        ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      }\n    }\n  }\n": typeof types.OverviewDocument,
    "\n  subscription IngestionLive($region: ID!) {\n    ingestionCounters(region: $region) { region at accepted rejects parked eventsPerMinute silentSources }\n  }\n": typeof types.IngestionLiveDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me { subject username role regionCode schoolCodes }\n    regions { code name level }\n  }\n": types.MeDocument,
    "\n  query RegionTree($code: ID!) {\n    region(code: $code) { code name level children { code name level children { code name level } } }\n  }\n": types.RegionTreeDocument,
    "\n  query Overview($code: ID!) {\n    region(code: $code) {\n      code name level schoolCount\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt silentSources { school source lastEventAt } }\n      zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n      ningbo: standing(standard: ningbo) { schools distribution { label count } }\n      wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n      ningxia: standing(standard: ningxia) { schools distribution { label count } }\n      jiangsu: standing(standard: jiangsu) { schools passRate distribution { label count } }\n      children {\n        code name schoolCount\n        zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n        ningbo: standing(standard: ningbo) { schools distribution { label count } }\n        wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n        jiangsu: standing(standard: jiangsu) { schools distribution { label count } }\n        ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      }\n    }\n  }\n": types.OverviewDocument,
    "\n  subscription IngestionLive($region: ID!) {\n    ingestionCounters(region: $region) { region at accepted rejects parked eventsPerMinute silentSources }\n  }\n": types.IngestionLiveDocument,
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
export function graphql(source: "\n  query Overview($code: ID!) {\n    region(code: $code) {\n      code name level schoolCount\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt silentSources { school source lastEventAt } }\n      zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n      ningbo: standing(standard: ningbo) { schools distribution { label count } }\n      wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n      ningxia: standing(standard: ningxia) { schools distribution { label count } }\n      jiangsu: standing(standard: jiangsu) { schools passRate distribution { label count } }\n      children {\n        code name schoolCount\n        zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n        ningbo: standing(standard: ningbo) { schools distribution { label count } }\n        wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n        jiangsu: standing(standard: jiangsu) { schools distribution { label count } }\n        ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Overview($code: ID!) {\n    region(code: $code) {\n      code name level schoolCount\n      ingestion { accepted rejects parked eventsPerMinute lastEventAt silentSources { school source lastEventAt } }\n      zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n      ningbo: standing(standard: ningbo) { schools distribution { label count } }\n      wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n      ningxia: standing(standard: ningxia) { schools distribution { label count } }\n      jiangsu: standing(standard: jiangsu) { schools passRate distribution { label count } }\n      children {\n        code name schoolCount\n        zhejiang: standing(standard: zhejiang) { schools distribution { label count } }\n        ningbo: standing(standard: ningbo) { schools distribution { label count } }\n        wenzhou: standing(standard: wenzhou) { schools distribution { label count } }\n        jiangsu: standing(standard: jiangsu) { schools distribution { label count } }\n        ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IngestionLive($region: ID!) {\n    ingestionCounters(region: $region) { region at accepted rejects parked eventsPerMinute silentSources }\n  }\n"): (typeof documents)["\n  subscription IngestionLive($region: ID!) {\n    ingestionCounters(region: $region) { region at accepted rejects parked eventsPerMinute silentSources }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;