export * from './drift';
export * from './keycloak-admin';
