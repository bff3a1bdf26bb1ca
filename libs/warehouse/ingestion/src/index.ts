// Ingestion decisions, pure: screen (contract + hub rules) → resolve person refs → dispose
// (append, park, reject). The app does the I/O around them.
export * from './screen';
export * from './pipeline';
export * from './health';
export * from './binding';
