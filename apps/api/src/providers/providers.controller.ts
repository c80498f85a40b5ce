import { Controller, Get, HttpCode, HttpStatus, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPreconditionFailedResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  aanbodPatchSchema,
  aanbodRequestSchema,
  retireAanbodRequestSchema,
  type Aanbod,
  type AanbodPatch,
  type AanbodRequest,
  type Actor,
  type RetireAanbodRequest,
} from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { ApiIfMatch, IfMatchVersion, versionTagOf } from '../http/if-match.decorator';
import { RequestId } from '../http/request-id.decorator';
import { REQUEST_ID_HEADER } from '../http/request-id.middleware';
import { refused } from '../http/step-docs.decorators';
import { ValidBody, ValidParam, ValidQuery } from '../http/schema-validation.pipe';
import { aanbodListResponseSchema, aanbodResponseSchema, toAanbodResponse, type AanbodListResponseDto, type AanbodResponseDto } from './dto/aanbod.response';
import { listProvidersRequestSchema, type ListProvidersRequestDto } from './dto/list-providers.request';
import { ProvidersService } from './providers.service';

const AANBOD_ID = z.uuid({ message: 'must be the id of an aanbod (UUID)' });

const NO_PERSONAL_DATA =
  'No personal data: an aanbieder is an organisation, and the contact is a function (intake, aanmelding, loket…) with a function mailbox ' +
  '(intake@, aanmelding@, loket@, info@) and optionally a landline: a name, a personal address (an initial in it, or no function word first) ' +
  'or a mobile number is refused, and so is an e-mail address, phone number or BSN in a name or description.';
const WHO_MANAGES = 'Admin, or the loket of the aanbod’s region (the region in its token); other lokets get 403.';
const WRITE_AUDITED = 'Each change is written with its audit entry (provider.create, provider.change, provider.retire; GET /api/audit?aanbod=) in one transaction; a refused request changes nothing.';

/**
 * The provider catalogue (issue 11 §1): the concrete aanbod a loket assigns a child to — a WIJ-team or wijkteam, a
 * VO-WIJ team, School als Wijk, schoolmaatschappelijk werk, a jeugdhulpaanbieder's product, an SBO/SO/VSO/PrO
 * school, an onderwijszorgarrangement, a rebound place, Kinderopvang Plus (DOMAIN-PROVIDERS.md §1.5).
 */
@ApiTags('providers')
@ApiHeader({ name: REQUEST_ID_HEADER, required: false, description: 'Optional request id (1-100 of A-Z a-z 0-9 . _ : -); echoed in the response and recorded in the audit log' })
@Controller('providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  @Permits('provider.view')
  @ApiOperation({
    summary: 'The provider catalogue: aanbod to assign to',
    description:
      'Every authenticated role. The aanbod still offered (with includeRetired=true also the retired), in name order, with keyset pagination; ' +
      'filters on kind, route, region and sector combine, and withFreePlaces=true keeps only aanbod with a free place. Each item shows ' +
      'capacity, placesTaken and freePlaces.',
  })
  @ApiOkResponse({ standardSchema: aanbodListResponseSchema })
  @ApiBadRequestResponse({ description: 'An unknown filter or value, or a bad cursor (VALIDATION_FAILED, naming the parameter)', ...refused })
  list(@ValidQuery(listProvidersRequestSchema) query: ListProvidersRequestDto): Promise<AanbodListResponseDto> {
    return this.providers.list(query);
  }

  @Get(':id')
  @Permits('provider.view')
  @ApiOperation({ summary: 'One aanbod', description: 'Every authenticated role; retired aanbod too.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ standardSchema: aanbodResponseSchema, description: 'The aanbod; the ETag header holds its version' })
  @ApiBadRequestResponse({ description: 'The id is not a UUID (VALIDATION_FAILED)', ...refused })
  @ApiNotFoundResponse({ description: 'No such aanbod (NOT_FOUND)', ...refused })
  async get(@ValidParam('id', AANBOD_ID) id: string, @Res({ passthrough: true }) response: Response): Promise<AanbodResponseDto> {
    return answer(response, await this.providers.get(id));
  }

  @Post()
  @Permits('provider.manage')
  @ApiOperation({ summary: 'Add an aanbod to the catalogue', description: `${WHO_MANAGES} ${NO_PERSONAL_DATA} ${WRITE_AUDITED}` })
  @ApiCreatedResponse({ standardSchema: aanbodResponseSchema, description: 'Added; Location names it, the ETag header holds its version (1)' })
  @ApiBadRequestResponse({ description: 'Invalid body (VALIDATION_FAILED, naming each field)', ...refused })
  @ApiForbiddenResponse({ description: 'Another region than the loket’s own (FORBIDDEN)', ...refused })
  async create(
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @ValidBody(aanbodRequestSchema) body: AanbodRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AanbodResponseDto> {
    const created = await this.providers.create(actor, body, requestId);
    response.status(HttpStatus.CREATED).location(`/api/providers/${created.id}`);
    return answer(response, created);
  }

  @Patch(':id')
  @Permits('provider.manage')
  @ApiOperation({
    summary: 'Change an aanbod (e.g. its capacity or contact)',
    description:
      `The fields given replace the stored ones (an object such as contact or ages whole; description null removes it); the result is checked ` +
      `as a whole, as a new aanbod is. Places taken are kept by the waiting lists, not here. A patch naming \`capacity\` ` +
      `passes the capacity, after the change is stored, on to the aanbod's running wachtlijst (if one runs), which admits ` +
      `waiting cases at once when it rose; retried, it is applied once. ${WHO_MANAGES} Moving it to another region needs ` +
      `the right in both. ${NO_PERSONAL_DATA} ${WRITE_AUDITED}`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIfMatch('The ETag of the last read; without it the change applies to the current version')
  @ApiOkResponse({ standardSchema: aanbodResponseSchema, description: 'The aanbod as changed; the ETag header holds its new version' })
  @ApiBadRequestResponse({ description: 'Invalid body or header, or a result that is no valid aanbod (VALIDATION_FAILED, naming each field)', ...refused })
  @ApiForbiddenResponse({ description: 'An aanbod of another region than the loket’s own (FORBIDDEN)', ...refused })
  @ApiNotFoundResponse({ description: 'No such aanbod (NOT_FOUND)', ...refused })
  @ApiConflictResponse({ description: 'The aanbod is retired (STAGE_CONFLICT)', ...refused })
  @ApiPreconditionFailedResponse({ description: 'If-Match names a version that is no longer current (VERSION_CONFLICT)', ...refused })
  @ApiServiceUnavailableResponse({
    description:
      'Temporal did not answer while the new capacity was passed on (SERVICE_UNAVAILABLE): the change IS stored (the message names its ' +
      'version) but the wachtlijst was not told; repeat the PATCH with the same capacity to pass it on',
    ...refused,
  })
  async change(
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @ValidParam('id', AANBOD_ID) id: string,
    @ValidBody(aanbodPatchSchema) patch: AanbodPatch,
    @IfMatchVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AanbodResponseDto> {
    return answer(response, await this.providers.change(actor, id, patch, expectedVersion, requestId));
  }

  @Post(':id/retire')
  @HttpCode(HttpStatus.OK)
  @Permits('provider.manage')
  @ApiOperation({
    summary: 'Retire an aanbod: no longer offered',
    description: `It stays readable (GET /api/providers/{id}) and leaves the list unless includeRetired=true; it is never deleted, and not changed again. ${WHO_MANAGES} ${WRITE_AUDITED}`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIfMatch('The ETag of the last read; without it the current version is retired')
  @ApiOkResponse({ standardSchema: aanbodResponseSchema, description: 'The retired aanbod; the ETag header holds its new version' })
  @ApiBadRequestResponse({ description: 'Invalid body or header (VALIDATION_FAILED, naming each field)', ...refused })
  @ApiForbiddenResponse({ description: 'An aanbod of another region than the loket’s own (FORBIDDEN)', ...refused })
  @ApiNotFoundResponse({ description: 'No such aanbod (NOT_FOUND)', ...refused })
  @ApiConflictResponse({ description: 'Retired already (STAGE_CONFLICT)', ...refused })
  @ApiPreconditionFailedResponse({ description: 'If-Match names a version that is no longer current (VERSION_CONFLICT)', ...refused })
  async retire(
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @ValidParam('id', AANBOD_ID) id: string,
    @ValidBody(retireAanbodRequestSchema) body: RetireAanbodRequest,
    @IfMatchVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AanbodResponseDto> {
    return answer(response, await this.providers.retire(actor, id, body.reason, expectedVersion, requestId));
  }
}

/** The aanbod as the answer, its version as the ETag (RFC 9110 §8.8.3), as for personal details. */
function answer(response: Response, aanbod: Aanbod): AanbodResponseDto {
  response.setHeader('ETag', versionTagOf(aanbod.version));
  return toAanbodResponse(aanbod);
}
