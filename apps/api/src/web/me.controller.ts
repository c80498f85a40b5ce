import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ACCESS_ACTIONS, ROLES, scopesOf, type AccessAction, type Actor } from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';

export const meResponseSchema = z
  .object({
    actor: z.object({ sub: z.string(), role: z.enum(ROLES), org: z.string().optional(), region: z.string().optional() }),
    allowedActions: z.array(z.enum(ACCESS_ACTIONS as [AccessAction, ...AccessAction[]])).describe('Actions of the access policy the role may take in some scope; the case decides the scope'),
  })
  .meta({ id: 'Me' });
export type MeResponseDto = z.output<typeof meResponseSchema>;

/**
 * Who the caller is and what the access policy lets the role do (issue 8 §2): the web interface offers only
 * these actions. Whether a step fits one case (its scope, its stage) the API still decides on the step itself.
 */
@ApiTags('me')
@Controller('me')
export class MeController {
  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: "The caller's identity and the actions the access policy allows the role" })
  @ApiOkResponse({ standardSchema: meResponseSchema })
  me(@CurrentActor() actor: Actor): MeResponseDto {
    const { sub, role, org, region } = actor;
    return {
      actor: { sub, role, ...(org === undefined ? {} : { org }), ...(region === undefined ? {} : { region }) },
      allowedActions: ACCESS_ACTIONS.filter((action) => scopesOf(action, role).length > 0),
    };
  }
}
