export * from './rules';
export { accessProblem } from './refusals';
export { Scope, VISIBLE_SCHOOLS } from './scope';
