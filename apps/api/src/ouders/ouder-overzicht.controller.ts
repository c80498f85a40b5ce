import { Controller, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CHILD_REFERENCE, type Actor } from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { ApiChildRef, CHILD_REF_PARAM } from '../children/child-plan-step.decorators';
import { RequestId } from '../http/request-id.decorator';
import { refused, StepControllerDocs } from '../http/step-docs.decorators';
import { ValidParam } from '../http/schema-validation.pipe';
import { ouderOverzichtResponseSchema, type OuderOverzichtResponseDto } from './dto/ouder-overzicht.response';
import { OuderOverzichtService } from './ouder-overzicht.service';

/** The parents' view (issue 11 §6): their child's path in plain Dutch. */
@ApiTags('ouders')
@StepControllerDocs()
@Controller('children')
export class OuderOverzichtController {
  constructor(private readonly overzicht: OuderOverzichtService) {}

  @Get(':ref/ouder-overzicht')
  @Permits('child.overzicht')
  @ApiOperation({
    summary: "The child's path in plain Dutch, for the parents (ouder) or the young person (jongere)",
    description:
      'Each referral with its stage in plain Dutch, the next step and its due date, the regisseur’s organisation and the decisions ' +
      'taken with their reasons; and each overstap with its status, next step and decisions. Only for an ouder whose token names the ' +
      'child (gezag) or the young person themselves; from the child’s 16th birthday only the young person, under 12 only the parents ' +
      '(when a date of birth is on record). Every read is in the audit log.',
  })
  @ApiChildRef()
  @ApiOkResponse({ standardSchema: ouderOverzichtResponseSchema })
  @ApiBadRequestResponse({ description: 'The child reference is malformed, or looks like a BSN (VALIDATION_FAILED, naming the field ref)', ...refused })
  @ApiForbiddenResponse({ description: 'A role other than ouder or jongere, or the child’s age gives the right to the other party (FORBIDDEN)', ...refused })
  @ApiNotFoundResponse({ description: 'No plan for this child, or the caller’s token does not name the child (NOT_FOUND)', ...refused })
  read(@CurrentActor() actor: Actor, @RequestId() requestId: string, @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string): Promise<OuderOverzichtResponseDto> {
    return this.overzicht.overzicht(actor, childRef, requestId);
  }
}
