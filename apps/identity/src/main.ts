import { runService } from '@educube/service-kit';
import { identityService } from './service';

runService(identityService);
