import 'reflect-metadata';
import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
@Injectable() class S { hi() { return 'ok'; } }
@Controller('x') class C { constructor(private readonly s: S) {} @Get() g() { return { v: this.s.hi() }; } }
@Module({ controllers: [C], providers: [S] }) class M {}
async function main() { const app = await NestFactory.create(M); await app.listen(3999); console.log(await (await fetch('http://127.0.0.1:3999/x')).text()); await app.close(); }
void main();
