export * from './activity';
export * from './calendar';
export * from './changes';
export * from './checksum';
export * from './memory';
export * from './projection';
export * from './tables';
