import type { StandardId } from '@educube/assessment-catalog';
import type { ClassificationTable } from '../formula';
import { jiangsuClassification } from './jiangsu';
import { ningboClassification } from './ningbo';
import { ningxiaClassification } from './ningxia';
import { wenzhouClassification } from './wenzhou';
import { zhejiangClassification } from './zhejiang';

/** Every catalog item's basis, per standard, keyed by the catalog's item id. */
export const CLASSIFICATIONS: Readonly<Record<StandardId, ClassificationTable>> = {
  zhejiang: zhejiangClassification,
  ningbo: ningboClassification,
  wenzhou: wenzhouClassification,
  ningxia: ningxiaClassification,
  jiangsu: jiangsuClassification,
};
