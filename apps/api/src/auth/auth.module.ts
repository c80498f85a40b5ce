import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiConfig } from '../config/api.config';
import { AuthGuard } from './auth.guard';
import { Hs256TokenVerifier } from './hs256-token.verifier';
import { OidcTokenVerifier } from './oidc-token.verifier';
import { TokenVerifier } from './token.verifier';

/**
 * AUTH_MODE picks the one verifier (issue 5 §1). The configuration already refused AUTH_MODE=development in
 * production, so here the choice is only which implementation the mode names.
 */
function tokenVerifierFor({ auth }: ApiConfig): TokenVerifier {
  return auth.mode === 'oidc' ? new OidcTokenVerifier(auth.oidc) : new Hs256TokenVerifier(auth.jwtSecret);
}

@Module({
  providers: [
    { provide: TokenVerifier, useFactory: tokenVerifierFor, inject: [ApiConfig] },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
