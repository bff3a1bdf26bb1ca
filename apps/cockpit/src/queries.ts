import { graphql } from './gql';

export const Me = graphql(`
  query Me {
    me { subject username role regionCode schoolCodes }
    regions { code name level }
  }
`);

export const RegionTree = graphql(`
  query RegionTree($code: ID!) {
    region(code: $code) { code name level children { code name level children { code name level } } }
  }
`);

export const Overview = graphql(`
  query Overview($code: ID!) {
    region(code: $code) {
      code name level schoolCount
      ingestion { accepted rejects parked eventsPerMinute lastEventAt silentSources { school source lastEventAt } }
      zhejiang: standing(standard: zhejiang) { schools distribution { label count } }
      ningbo: standing(standard: ningbo) { schools distribution { label count } }
      wenzhou: standing(standard: wenzhou) { schools distribution { label count } }
      ningxia: standing(standard: ningxia) { schools distribution { label count } }
      jiangsu: standing(standard: jiangsu) { schools passRate distribution { label count } }
      children {
        code name schoolCount
        zhejiang: standing(standard: zhejiang) { schools distribution { label count } }
        ningbo: standing(standard: ningbo) { schools distribution { label count } }
        wenzhou: standing(standard: wenzhou) { schools distribution { label count } }
        jiangsu: standing(standard: jiangsu) { schools distribution { label count } }
        ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { year cultivated threeStarByScore threeStarAfterCap heldBack } }
      }
    }
  }
`);

export const IngestionLive = graphql(`
  subscription IngestionLive($region: ID!) {
    ingestionCounters(region: $region) { region at accepted rejects parked eventsPerMinute silentSources }
  }
`);
