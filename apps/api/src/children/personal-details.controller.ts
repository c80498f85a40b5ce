import { Controller, Get, Put, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPreconditionFailedResponse, ApiTags } from '@nestjs/swagger';
import { CHILD_REFERENCE, personalDetailsRequestSchema, type Actor, type PersonalDetailsRequest } from '@schakel/domain';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits, ReadsCase } from '../auth/permits.decorator';
import { ApiIfMatch, IfMatchVersion, versionTagOf } from '../http/if-match.decorator';
import { RequestId } from '../http/request-id.decorator';
import { refused, StepControllerDocs } from '../http/step-docs.decorators';
import { ValidBody, ValidParam } from '../http/schema-validation.pipe';
import { ApiChildRef, CHILD_REF_PARAM } from './child-plan-step.decorators';
import { personalDetailsResponseSchema, toPersonalDetailsResponse, type PersonalDetailsResponseDto } from './dto/personal-details.response';
import { PersonalDetailsService } from './personal-details.service';

const WHO =
  'For those who must address the child or the family: the current school, the sending school of an overstap, the receiving ' +
  'school once the aanmelding is on record, the loket of the region, the regisseur, the provider of an open referral, and ' +
  'leerplicht for a thuiszitter. Everyone else gets 404, as for the plan.';

/**
 * Who the child is (issue 5 §3): the one place Schakel returns a name, a date of birth or a parent's
 * phone number. Separate from the plan and the referrals, so every other answer stays pseudonymous.
 */
@ApiTags('children')
@StepControllerDocs()
@Controller('children')
export class PersonalDetailsController {
  constructor(private readonly personalDetails: PersonalDetailsService) {}

  @Get(':ref/personal-details')
  @ReadsCase('personalDetails.view')
  @ApiOperation({ summary: "The child's name, date of birth and parents' contact details", description: `${WHO} Every read is in the audit log.` })
  @ApiChildRef()
  @ApiOkResponse({ standardSchema: personalDetailsResponseSchema, description: 'The details; the ETag header holds their version' })
  @ApiBadRequestResponse({ description: 'The child reference is malformed (VALIDATION_FAILED)', ...refused })
  @ApiNotFoundResponse({ description: 'No plan for this child, the caller may not see its details, or none are recorded (NOT_FOUND)', ...refused })
  async read(
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PersonalDetailsResponseDto> {
    const stored = await this.personalDetails.read(actor, childRef, requestId);
    response.setHeader('ETag', versionTagOf(stored.version));
    return toPersonalDetailsResponse(stored);
  }

  @Put(':ref/personal-details')
  @Permits('personalDetails.write')
  @ApiOperation({
    summary: "Record or correct the child's personal details (the school, the loket or the regisseur)",
    description: 'Replaces the whole record. With If-Match (the ETag of the last read) only if nobody changed it in between. No BSN: it may not be used between school and samenwerkingsverband (art. 46 UAVG).',
  })
  @ApiChildRef()
  @ApiIfMatch('The ETag of the last read; without it the last write wins')
  @ApiOkResponse({ standardSchema: personalDetailsResponseSchema, description: 'The details as stored; the ETag header holds their new version' })
  @ApiBadRequestResponse({ description: 'Invalid body or header (VALIDATION_FAILED, naming each field)', ...refused })
  @ApiForbiddenResponse({ description: 'A role, or a person in the plan, that may not change them (FORBIDDEN)', ...refused })
  @ApiNotFoundResponse({ description: 'No plan for this child, or the caller may not see its details (NOT_FOUND)', ...refused })
  @ApiPreconditionFailedResponse({ description: 'If-Match names a version that is no longer current (VERSION_CONFLICT)', ...refused })
  async write(
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidBody(personalDetailsRequestSchema) body: PersonalDetailsRequest,
    @IfMatchVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PersonalDetailsResponseDto> {
    const stored = await this.personalDetails.write(actor, childRef, body, expectedVersion, requestId);
    response.setHeader('ETag', versionTagOf(stored.version));
    return toPersonalDetailsResponse(stored);
  }
}
