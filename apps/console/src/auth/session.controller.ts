import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { ConsoleConfig } from '../console.config';
import { httpError, matches, oneOf, required, text, validate } from '../http/errors';
import { OperatorStore, type Operator } from './operator.store';
import { MIN_PASSWORD_LENGTH, OPERATOR_NAME, ROLES, type Role } from './roles';
import { CurrentOperator, RequireRole, SESSION_COOKIE, SessionGuard, sessionToken } from './session.guard';

@Controller('api/session')
export class SessionController {
  constructor(
    private readonly store: OperatorStore,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  @Post()
  @HttpCode(200)
  async signIn(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Operator> {
    const { name, password } = validate<{ name: string; password: string }>(body, {
      name: [required, text(48)],
      password: [required, text(200)],
    });
    const session = await this.store.signIn(name, password, this.config.sessionTtlMinutes);
    if (!session)
      throw httpError(401, 'INVALID_CREDENTIALS', 'unknown operator or wrong password', [
        { field: 'password', reason: 'does not match' },
      ]);
    const secure = this.config.secureCookie ? '; Secure' : '';
    res.setHeader(
      'Set-Cookie',
      `${SESSION_COOKIE}=${session.token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${this.config.sessionTtlMinutes * 60}${secure}`,
    );
    return session.operator;
  }

  @Get()
  @UseGuards(SessionGuard)
  me(@CurrentOperator() operator: Operator): Operator {
    return operator;
  }

  @Delete()
  @HttpCode(200)
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ signedOut: true }> {
    const token = sessionToken(req);
    if (token) await this.store.signOut(token);
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    return { signedOut: true };
  }
}

/** Operator accounts: admins add them or reset a password; anyone signed in reads the audit trail. */
@Controller('api/operators')
@UseGuards(SessionGuard)
export class OperatorsController {
  constructor(private readonly store: OperatorStore) {}

  @Get()
  @RequireRole('admin')
  async list() {
    return { operators: await this.store.list() };
  }

  @Post()
  @RequireRole('admin')
  @HttpCode(201)
  async upsert(@Body() body: unknown, @CurrentOperator() me: Operator) {
    const req = validate<{ name: string; role: Role; password: string }>(body, {
      name: [required, matches(OPERATOR_NAME, 'must be 2-48 of a-z 0-9 . _ -, starting with a letter or digit')],
      role: [required, oneOf(ROLES)],
      password: [
        required,
        text(200),
        (v) =>
          String(v).length < MIN_PASSWORD_LENGTH ? `must be at least ${MIN_PASSWORD_LENGTH} characters` : undefined,
      ],
    });
    await this.store.upsert(req.name, req.role, req.password);
    await this.store.audit(me.name, 'operator.upsert', req.name, { role: req.role });
    return { name: req.name, role: req.role };
  }

  @Get('audit')
  async audit() {
    return { entries: await this.store.auditTrail(100) };
  }
}
