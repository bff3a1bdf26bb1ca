import { graphql } from './gql';

export const Me = graphql(`
  query Me {
    me {
      subject
      username
      role
      regionCode
      schoolCodes
    }
    regions {
      code
      name
      level
    }
  }
`);

export const RegionTree = graphql(`
  query RegionTree($code: ID!) {
    region(code: $code) {
      code
      name
      level
      children {
        code
        name
        level
        children {
          code
          name
          level
        }
      }
    }
  }
`);

export const Overview = graphql(`
  query Overview($code: ID!) {
    region(code: $code) {
      code
      name
      level
      schoolCount
      ingestion {
        accepted
        rejects
        parked
        eventsPerMinute
        lastEventAt
        silentSources {
          school
          source
          lastEventAt
        }
      }
      zhejiang: standing(standard: zhejiang) {
        schools
        distribution {
          label
          count
        }
      }
      ningbo: standing(standard: ningbo) {
        schools
        distribution {
          label
          count
        }
      }
      wenzhou: standing(standard: wenzhou) {
        schools
        distribution {
          label
          count
        }
      }
      ningxia: standing(standard: ningxia) {
        schools
        distribution {
          label
          count
        }
        threeStarCap {
          year
          cultivated
          threeStarByScore
          threeStarAfterCap
          heldBack
        }
      }
      jiangsu: standing(standard: jiangsu) {
        schools
        passRate
        distribution {
          label
          count
        }
      }
      ningxiaRulings {
        year
        districts {
          district
          name
          schools {
            school
            starsAfterCap
            finalStars
            capped
            downgraded
            reasons
          }
        }
      }
      children {
        code
        name
        schoolCount
        zhejiang: standing(standard: zhejiang) {
          schools
          distribution {
            label
            count
          }
        }
        ningbo: standing(standard: ningbo) {
          schools
          distribution {
            label
            count
          }
        }
        wenzhou: standing(standard: wenzhou) {
          schools
          distribution {
            label
            count
          }
        }
        jiangsu: standing(standard: jiangsu) {
          schools
          distribution {
            label
            count
          }
        }
        ningxia: standing(standard: ningxia) {
          schools
          distribution {
            label
            count
          }
          threeStarCap {
            year
            cultivated
            threeStarByScore
            threeStarAfterCap
            heldBack
          }
        }
      }
    }
  }
`);

export const IngestionLive = graphql(`
  subscription IngestionLive($region: ID!) {
    ingestionCounters(region: $region) {
      region
      at
      accepted
      rejects
      parked
      eventsPerMinute
      silentSources
    }
  }
`);

export const Heatmap = graphql(`
  query Heatmap($code: ID!, $standard: Standard!) {
    region(code: $code) {
      code
      standing(standard: $standard) {
        items {
          itemId
          number
          label
          rate
          schools
        }
      }
      children {
        code
        name
        standing(standard: $standard) {
          items {
            itemId
            rate
            schools
          }
        }
      }
    }
  }
`);

export const Trends = graphql(`
  query Trends($code: ID!) {
    region(code: $code) {
      code
      activity {
        month
        teacherSpaceEvents
        activeTeacherSpaces
        uploadsPerTeacher
        threeClassroomLessons
        remoteLessons
        lessonsDelivered
        attendanceRate
      }
    }
  }
`);

export const IngestionView = graphql(`
  query IngestionView($code: ID!) {
    region(code: $code) {
      code
      ingestion {
        accepted
        rejects
        parked
        eventsPerMinute
        lastEventAt
        projectionLag
        sources {
          school
          source
          accepted
          rejects
          parked
          eventsPerMinute
          lastEventAt
          silent
        }
      }
    }
  }
`);

export const AlertFields = graphql(`
  fragment AlertFields on Alert {
    id
    kind
    severity
    status
    school
    region
    source
    standard
    itemId
    message
    messageEn
    since
    raisedAt
    resolvedAt
    acknowledgement {
      by
      role
      at
      note
    }
    measures {
      name
      observed
      threshold
    }
  }
`);

export const AlertsView = graphql(`
  query AlertsView($code: ID!) {
    region(code: $code) {
      code
      alerts(first: 100) {
        ...AlertFields
      }
    }
  }
`);

export const AlertsLive = graphql(`
  subscription AlertsLive($region: ID!) {
    alertRaised(region: $region) {
      ...AlertFields
    }
  }
`);

export const AcknowledgeAlert = graphql(`
  mutation AcknowledgeAlert($id: ID!, $note: String) {
    acknowledgeAlert(id: $id, note: $note) {
      ...AlertFields
    }
  }
`);

export const SchoolList = graphql(`
  query SchoolList($code: ID!, $after: String, $search: String) {
    region(code: $code) {
      schools(first: 50, after: $after, filter: { search: $search }) {
        totalCount
        edges {
          node {
            code
            name
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const SchoolDrill = graphql(`
  query SchoolDrill($code: ID!, $standard: Standard!) {
    school(code: $code) {
      code
      name
      schoolType
      stages
      status
      district {
        code
        name
      }
      headcounts {
        students
        teachers
        staff
      }
      standings {
        standard
        label
        score
        stars
        passed
        level
        basicMet
        basicTotal
        computedAt
      }
      sheet(standard: $standard) {
        asOf
        column
        checkpoint
        rows {
          itemId
          number
          label
          basis
          value
          threshold
          met
          points
          window
          contributing
          sampleIds
          formulaOrEvidence
          status
          override
        }
      }
      review(standard: $standard) {
        chain
        items {
          itemId
          status
          decisions {
            level
            decision
            at
          }
        }
      }
    }
  }
`);

export const NingxiaForm = graphql(`
  query NingxiaForm($code: ID!) {
    school(code: $code) {
      code
      ningxiaForm(format: html)
    }
  }
`);

export const StandingsLive = graphql(`
  subscription StandingsLive($region: ID!) {
    standingChanged(region: $region) {
      region
      at
      standard
      schools
    }
  }
`);
