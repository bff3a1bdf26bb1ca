// The identity domain: pure functions and types, no framework, no I/O, no clock.

// errors and dates shared by every module
export * from './shared/errors';
export * from './shared/dates';

// organisation tree: decider, queries "as of" a date, boundary schemas
export * from './org-tree/model';
export * from './org-tree/decider';
export * from './org-tree/queries';
export * from './org-tree/schemas';

// bulk import of a registry CSV
export * from './registry-import/csv';
export * from './registry-import/plan-import';

// people, id links, headcounts and the roster facts published for assessment
export * from './people/people';
export * from './people/queries';
export * from './people/roster-facts';
export * from './people/schemas';

// roles and data scopes: the one "may this principal see this school"
export * from './access/access';
export * from './access/accounts';
