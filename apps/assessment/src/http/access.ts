// The assessment's access rules live in ../access; this path stays for the routes that import it from here.
export * from '../access';
