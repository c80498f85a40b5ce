import { Controller, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CHILD_REFERENCE, type Actor } from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { ApiChildRef, CHILD_REF_PARAM } from '../children/child-plan-step.decorators';
import { RequestId } from '../http/request-id.decorator';
import { refused, StepControllerDocs } from '../http/step-docs.decorators';
import { ValidParam } from '../http/schema-validation.pipe';
import { inzageDossierResponseSchema, type InzageDossierResponseDto } from './dto/inzage-dossier.response';
import { InzageService } from './inzage.service';

/** Inzage (AVG art. 15; issue 11 §6): everything Schakel holds about the child. */
@ApiTags('ouders')
@StepControllerDocs()
@Controller('children')
export class InzageController {
  constructor(private readonly inzage: InzageService) {}

  @Get(':ref/dossier')
  @Permits('child.dossier')
  @ApiOperation({
    summary: 'Inzage: everything Schakel holds about the child, as JSON (AVG art. 15)',
    description:
      'The plan and its timeline, every referral with its timeline, the personal details and the notifications about the child. Left ' +
      'out, and listed in `leftOut`: medical content (the description of a fysiek-medisch concern), third parties’ data (the ' +
      'description of the thuissituatie, the parents’ contact details) and staff identifiers (actors are shown by role and ' +
      'organisation). Each request is recorded with its term of one month (AVG art. 12(3)) and answered at once; the access is in the ' +
      'audit log. For the parents until the child is 16 and for the young person from 12 (when a date of birth is on record).',
  })
  @ApiChildRef()
  @ApiOkResponse({ standardSchema: inzageDossierResponseSchema })
  @ApiBadRequestResponse({ description: 'The child reference is malformed, or looks like a BSN (VALIDATION_FAILED, naming the field ref)', ...refused })
  @ApiForbiddenResponse({ description: 'A role other than ouder or jongere, or the child’s age gives the right to the other party (FORBIDDEN)', ...refused })
  @ApiNotFoundResponse({ description: 'No plan for this child, or the caller’s token does not name the child (NOT_FOUND)', ...refused })
  read(@CurrentActor() actor: Actor, @RequestId() requestId: string, @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string): Promise<InzageDossierResponseDto> {
    return this.inzage.dossier(actor, childRef, requestId);
  }
}
