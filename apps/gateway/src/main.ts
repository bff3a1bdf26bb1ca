import { runService } from '@educube/service-kit';
import { gatewayService } from './service';

runService(gatewayService);
