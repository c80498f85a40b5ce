import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permits } from '../auth/permits.decorator';
import { DeadlinePolicyProvider } from './deadline-policy.provider';
import { deadlinePolicyResponseSchema, toDeadlinePolicyResponse, type DeadlinePolicyResponseDto } from './policy.response';

@ApiTags('policy')
@Controller('policy')
export class PolicyController {
  constructor(private readonly policies: DeadlinePolicyProvider) {}

  /** Terms are no secret: whoever works on cases may see which ones apply and where they come from. */
  @Get()
  @Permits('policy.read')
  @ApiOperation({
    summary: 'The deadline policy new referrals start under',
    description:
      'Version, every rule with its term and unit (kalenderdagen, werkdagen, weken, schoolweken; seconden only in test policies), ' +
      'reminder, escalation ladder, allowed extension and source, and the per-region overrides. A referral keeps the version ' +
      'it started under (its policyVersion), also after the policy changes.',
  })
  @ApiOkResponse({ standardSchema: deadlinePolicyResponseSchema })
  get(): DeadlinePolicyResponseDto {
    return toDeadlinePolicyResponse(this.policies.policy, this.policies.origin);
  }
}
