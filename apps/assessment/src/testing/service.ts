import type { OrgDirectory, VisibleSchools } from '@educube/identity-client';
import { directoryFrom } from '@educube/identity-client/testing';
import type { ServiceDefinition } from '@educube/service-kit';
import { AssessmentModule, type AssessmentModuleOptions } from '../assessment.module';
import { assessmentService, moduleOptions, type assessmentConfigSchema } from '../service';

/** The audience the gateway's calls to the assessment carry. */
export const ASSESSMENT_AUD = 'educube-assessment';
/** People signed in through the gateway: accepted as the assessment's people audience. */
export const PEOPLE_AUD = 'educube-gateway';

/**
 * The assessment exactly as deployed (same config, same authenticator), except that identity's
 * answers come from `visibleSchools` (`visibilityFrom` of `@educube/identity-client/testing`)
 * and `directory` (`directoryFrom`; default an empty tree, so no standing is placed in a region)
 * instead of an identity service over HTTP; `more` replaces other test seams (the alerts' clock).
 */
export function assessmentWith(
  visibleSchools: VisibleSchools,
  directory: OrgDirectory = directoryFrom({ asOf: '2000-01-01', regions: [], schools: [] }),
  more: Pick<AssessmentModuleOptions, 'clock'> = {},
): ServiceDefinition<typeof assessmentConfigSchema> {
  return { ...assessmentService, imports: (config) => [AssessmentModule.forRoot({ ...moduleOptions(config), visibleSchools, directory, ...more })] };
}
