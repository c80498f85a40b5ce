import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { z } from 'zod';
import { actorSchema } from '@schakel/domain';
import { Public } from '../auth/roles.decorator';
import { DevTokenSigner } from '../auth/dev-token.signer';
import { ApiConfig } from '../config/api.config';
import { ValidBody } from '../http/schema-validation.pipe';
import { DEV_USERS } from './dev-users';

const [firstUser, ...otherUsers] = DEV_USERS.map((user) => user.id);
/**
 * A test user, and for an ouder or jongere the children the token names. The actor it makes is checked by the
 * domain's own actor schema, so a missing, extra or malformed `children` is refused as a real token's would be.
 */
const devTokenRequestSchema = z
  .object({ user: z.enum([firstUser ?? 'school', ...otherUsers]), children: z.array(z.string()).optional() })
  .strict()
  .superRefine((body, ctx) => {
    const parsed = actorSchema.safeParse(devActorOf(body));
    for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

function devActorOf(body: { user: string; children?: string[] | undefined }): unknown {
  const user = DEV_USERS.find((candidate) => candidate.id === body.user);
  return body.children === undefined ? user?.actor : { ...user?.actor, children: body.children };
}

/**
 * The development sign-in of the web interface (issue 8 §2): a choice of test users, each token from the same
 * development signer as `npm run token`. WebModule registers this controller only with AUTH_MODE=development,
 * which the configuration already refuses in production, so in production these routes do not exist (404).
 * Left out of the OpenAPI document: it is no part of the case API.
 */
@ApiExcludeController()
@Controller('dev')
export class DevTokensController {
  private readonly signer: DevTokenSigner;

  constructor(private readonly config: ApiConfig) {
    this.signer = new DevTokenSigner(config.auth);
  }

  @Get('users')
  @Public()
  users(): { items: Array<{ id: string; label: string; role: string; sub: string; org?: string; region?: string }> } {
    return { items: DEV_USERS.map(({ id, label, actor }) => ({ id, label, ...actor })) };
  }

  @Post('tokens')
  @Public()
  @HttpCode(200)
  async token(@ValidBody(devTokenRequestSchema) body: z.output<typeof devTokenRequestSchema>): Promise<{ token: string; expiresIn: number }> {
    return { token: await this.signer.sign(actorSchema.parse(devActorOf(body))), expiresIn: this.config.auth.tokenTtlSeconds };
  }
}
