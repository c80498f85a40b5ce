import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readModelDataSourceOptions, ReferralProjectionWriter } from '@schakel/persistence';

/**
 * The read model's DataSource and writers. The schema is not touched here: `npm run migrate` (or the
 * `npm start` launcher) applies the committed migrations before the worker starts.
 */
@Module({})
export class ReadModelModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: ReadModelModule,
      imports: [
        TypeOrmModule.forRoot({
          ...readModelDataSourceOptions({ url: databaseUrl, applicationName: 'schakel-worker' }),
          // A worker that cannot reach its database should fail its start visibly, not hang.
          retryAttempts: 5,
          retryDelay: 2000,
        }),
      ],
      providers: [{ provide: ReferralProjectionWriter, useFactory: (dataSource: DataSource) => new ReferralProjectionWriter(dataSource), inject: [DataSource] }],
      exports: [ReferralProjectionWriter],
    };
  }
}
