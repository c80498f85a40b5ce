import { Body, Param, Query, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { DomainError, parseOrThrow } from '@schakel/domain';
import { refuseHostileInput } from './hostile-input.check';

/**
 * Parses a request part with a domain zod schema (VALIDATION_FAILED naming each field, mapped to 400 by
 * the one filter). Bodies use the same schemas as the workflow's Update validators, so the API refuses
 * exactly what the workflow would refuse, before anything reaches Temporal — and, first, what no schema
 * should see at all (NUL characters, prototype keys, absurd nesting: hostile-input.check.ts, issue 5 §6).
 */
export class SchemaValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly part: '(body)' | '(query)' = '(body)',
  ) {}

  transform(value: unknown): z.output<S> {
    try {
      refuseHostileInput(value, '(body)');
      return parseOrThrow(this.schema, value);
    } catch (error) {
      // The domain names the whole input "(body)"; for query parameters that would mislead.
      if (!(error instanceof DomainError) || this.part === '(body)') throw error;
      const issues = error.issues.map((issue) => (issue.field === '(body)' ? { ...issue, field: this.part } : issue));
      throw new DomainError(error.code, error.message.replaceAll('(body)', this.part), issues);
    }
  }
}

/** A single named value (a path parameter), whose issues must name it rather than "(body)". */
export class NamedValuePipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  private readonly wrapper: z.ZodType;

  constructor(
    private readonly name: string,
    schema: S,
  ) {
    this.wrapper = z.object({ [name]: schema });
  }

  transform(value: unknown): z.output<S> {
    refuseHostileInput(value, this.name);
    const parsed = parseOrThrow(this.wrapper, { [this.name]: value }) as Record<string, z.output<S>>;
    return parsed[this.name] as z.output<S>;
  }
}

/**
 * The request body, validated with a domain schema. Passing the schema to @Body also lets
 * @nestjs/swagger document the body from the same zod schema (its standard JSON Schema, OpenAPI 3.0).
 */
export const ValidBody = (schema: z.ZodType): ParameterDecorator => Body({ schema, pipes: [new SchemaValidationPipe(schema)] });

export const ValidQuery = (schema: z.ZodType): ParameterDecorator => Query({ schema, pipes: [new SchemaValidationPipe(schema, '(query)')] });

export const ValidParam = (name: string, schema: z.ZodType): ParameterDecorator => Param(name, new NamedValuePipe(name, schema));
