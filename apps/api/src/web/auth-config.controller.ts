import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';
import { ApiConfig } from '../config/api.config';

export interface WebAuthConfigDto {
  mode: 'development' | 'oidc';
  /** The issuer the browser signs in at (authorization code with PKCE); only with mode oidc. */
  issuer?: string;
  /** The public client id of the web interface at the issuer; only with mode oidc and OIDC_CLIENT_ID set. */
  clientId?: string;
}

/** How the web interface signs people in (issue 8 §2): public, it names no secret. */
@ApiExcludeController()
@Controller('web')
export class AuthConfigController {
  constructor(private readonly config: ApiConfig) {}

  @Get('auth-config')
  @Public()
  authConfig(): WebAuthConfigDto {
    const { auth } = this.config;
    if (auth.mode === 'development') return { mode: 'development' };
    return { mode: 'oidc', issuer: auth.oidc.issuer, ...(auth.oidc.clientId === undefined ? {} : { clientId: auth.oidc.clientId }) };
  }
}
