import { runService } from '@educube/service-kit';
import { assessmentService } from './service';

runService(assessmentService);
