import type { Catalog, StandardId } from '../schema';
import { jiangsu } from './jiangsu';
import { ningbo } from './ningbo';
import { ningxia } from './ningxia';
import { wenzhou } from './wenzhou';
import { zhejiang } from './zhejiang';

export const CATALOGS: Readonly<Record<StandardId, Catalog>> = { zhejiang, ningbo, wenzhou, ningxia, jiangsu };

export function catalogOf(id: StandardId): Catalog {
  return CATALOGS[id];
}
