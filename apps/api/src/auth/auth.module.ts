import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiConfig } from '../config/api.config';
import { AuthGuard } from './auth.guard';
import { Hs256TokenVerifier } from './hs256-token.verifier';
import { TokenVerifier } from './token.verifier';

@Module({
  providers: [
    { provide: TokenVerifier, useFactory: (config: ApiConfig) => new Hs256TokenVerifier(config.auth.jwtSecret), inject: [ApiConfig] },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
