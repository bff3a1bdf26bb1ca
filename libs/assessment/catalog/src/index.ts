export * from './schema';
export { zhejiang } from './catalogs/zhejiang';
export { ningbo } from './catalogs/ningbo';
export { wenzhou } from './catalogs/wenzhou';
export { ningxia } from './catalogs/ningxia';
export { jiangsu } from './catalogs/jiangsu';
export { CATALOGS, catalogOf } from './catalogs';
