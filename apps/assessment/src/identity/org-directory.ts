/**
 * Identity's organisation tree (`OrgDirectory`, cached 30 s by the client): where each school
 * sits, for the district roll-ups and for the 全区 averages. Never the feed's own word.
 */
export const ORG_DIRECTORY = Symbol('ORG_DIRECTORY');
