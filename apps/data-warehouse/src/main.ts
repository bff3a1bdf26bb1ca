import { runService } from '@educube/service-kit';
import { warehouseService } from './service';

runService(warehouseService);
