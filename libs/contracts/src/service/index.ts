// Bodies the hub's services send each other over HTTP: one zod contract, typed by the server and parsed by the client.
export * from './feed';
export * from './identity';
export * from './parse';
