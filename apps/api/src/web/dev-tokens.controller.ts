import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../auth/roles.decorator';
import { DevTokenSigner } from '../auth/dev-token.signer';
import { ApiConfig } from '../config/api.config';
import { ValidBody } from '../http/schema-validation.pipe';
import { DEV_USERS } from './dev-users';

const [firstUser, ...otherUsers] = DEV_USERS.map((user) => user.id);
const devTokenRequestSchema = z.object({ user: z.enum([firstUser ?? 'school', ...otherUsers]) }).strict();

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
    const user = DEV_USERS.find((candidate) => candidate.id === body.user);
    if (user === undefined) throw new Error(`unknown development user ${body.user}`);
    return { token: await this.signer.sign(user.actor), expiresIn: this.config.auth.tokenTtlSeconds };
  }
}
