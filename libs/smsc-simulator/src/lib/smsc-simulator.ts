import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maskPhone } from '@herald/pii';
import * as smpp from 'smpp';
import { applyBehaviourPatch, defaultBehaviour, type SimBehaviour } from './domain/behaviour';
import { ConcatAssembler } from './domain/concat-assembler';
import { messageIdGenerator } from './domain/message-ids';
import { RateLimiter } from './domain/outcome';
import type { SubmitRecord } from './domain/submit-record';
import { SubmitStore } from './domain/submit-store';
import { createControlApi, type SimulatorControl } from './http/control-api';
import { silentLogger, type SimLogger } from './logger';
import type { CarrierContext } from './smpp/carrier-context';
import { createCarrierServer, unbindSystemIds } from './smpp/carrier-server';
import { DeliverSender } from './smpp/deliver-sender';
import { installRawPduMode } from './smpp/raw-pdu-mode';
import { SessionRegistry } from './smpp/session-registry';

export interface SimulatorOptions {
  /** The SMPP server's address. */
  host: string;
  /** The HTTP control API's address; loopback when not given (it exposes numbers and bodies). */
  controlHost?: string;
  /** 0 picks a free port (tests). */
  smppPort: number;
  httpPort: number;
  /** One system id, or several separated by commas (one carrier account each, same password). */
  systemId: string;
  password: string;
  maxRecords?: number;
  behaviour?: Partial<SimBehaviour>;
  logger?: SimLogger;
  random?: () => number;
}

let statusNames: Map<number, string> | undefined;
const statusName = (status: number): string => {
  statusNames ??= new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));
  return statusNames.get(status) ?? `0x${status.toString(16).padStart(8, '0')}`;
};

/** The SMSC simulator: an SMPP 3.4 server (node-smpp) and its HTTP control API. */
export class SmscSimulator implements SimulatorControl {
  readonly store: SubmitStore;
  private behaviourNow: SimBehaviour;
  private readonly initialBehaviour: SimBehaviour;
  private readonly ctx: CarrierContext;
  private readonly smppServer: smpp.Server;
  private httpServer?: HttpServer;

  constructor(private readonly options: SimulatorOptions) {
    installRawPduMode();
    this.initialBehaviour = { ...defaultBehaviour(), ...options.behaviour };
    this.behaviourNow = this.initialBehaviour;
    this.store = new SubmitStore(options.maxRecords ?? 500_000);
    const registry = new SessionRegistry();
    const now = () => Date.now();
    this.ctx = {
      systemIds: new Set(
        options.systemId
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
      ),
      password: options.password,
      behaviour: () => this.behaviourNow,
      store: this.store,
      assembler: new ConcatAssembler<SubmitRecord>(),
      registry,
      sender: new DeliverSender(registry, now),
      limiter: new RateLimiter(),
      binds: { total: 0, failed: 0, refused: 0, byMode: {} },
      nextMessageId: messageIdGenerator(),
      random: options.random ?? Math.random,
      now,
      logger: options.logger ?? silentLogger,
    };
    this.smppServer = createCarrierServer(this.ctx);
  }

  get behaviour(): SimBehaviour {
    return this.behaviourNow;
  }

  async start(): Promise<{ smppPort: number; httpPort: number }> {
    const { host } = this.options;
    const controlHost = this.options.controlHost ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.smppServer.once('error', reject);
      this.smppServer.listen(this.options.smppPort, host, () => resolve());
    });
    this.httpServer = createControlApi(this);
    const http = this.httpServer;
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.options.httpPort, controlHost, () => resolve());
    });
    const ports = {
      smppPort: (this.smppServer.address() as AddressInfo).port,
      httpPort: (http.address() as AddressInfo).port,
    };
    this.ctx.logger.info({ ...ports, host, controlHost }, 'smsc simulator listening');
    return ports;
  }

  async stop(): Promise<void> {
    this.ctx.sender.stop();
    this.dropConnections();
    await Promise.all([
      new Promise<void>((resolve) => this.smppServer.close(() => resolve())),
      new Promise<void>((resolve) => (this.httpServer ? this.httpServer.close(() => resolve()) : resolve())),
    ]);
  }

  configure(patch: unknown): { ok: true; behaviour: SimBehaviour } | { ok: false; error: string } {
    const result = applyBehaviourPatch(this.behaviourNow, patch, (name) => smpp.errors[name] !== undefined);
    if (result.ok) {
      this.behaviourNow = result.behaviour;
      this.ctx.logger.info({ changed: Object.keys(patch as object) }, 'behaviour changed');
      // Refusing binds means the account is down: its open sessions go too, not only new binds.
      if (result.behaviour.refuseBinds.length > 0) unbindSystemIds(this.ctx, result.behaviour.refuseBinds);
    }
    return result;
  }

  /** Destroys every socket without answering pending submits; they stay recorded, unanswered. */
  dropConnections(): { sessions: number; unansweredSubmits: number } {
    const sessions = this.ctx.registry.all();
    let unansweredSubmits = 0;
    for (const s of sessions) {
      unansweredSubmits += s.timers.size;
      this.ctx.registry.close(s);
      s.session.destroy();
    }
    this.ctx.logger.warn({ sessions: sessions.length, unansweredSubmits }, 'connections dropped');
    return { sessions: sessions.length, unansweredSubmits };
  }

  injectMo(from: string, to: string, text: string): string | undefined {
    const sessionId = this.ctx.sender.sendMo(from, to, text);
    this.ctx.logger.info({ from: maskPhone(from), sessionId: sessionId ?? null }, 'MO injected');
    return sessionId;
  }

  /** Forgets submits and counters and restores the start-up behaviour; sessions stay open. */
  reset(): void {
    this.store.clear();
    this.ctx.assembler.clear();
    this.ctx.sender.clear();
    this.ctx.binds.total = 0;
    this.ctx.binds.failed = 0;
    this.ctx.binds.refused = 0;
    this.ctx.binds.byMode = {};
    this.behaviourNow = this.initialBehaviour;
  }

  stats() {
    return {
      submits: { total: this.store.total, retained: this.store.size, byStatus: this.store.countByStatus(statusName) },
      duplicates: this.store.duplicates(),
      binds: this.ctx.binds,
      sessions: { active: this.ctx.registry.size, bound: this.ctx.registry.boundCount },
      deliveries: this.ctx.sender.stats(),
      multipartIncomplete: this.ctx.assembler.incomplete,
    };
  }

  statusName(status: number): string {
    return statusName(status);
  }
}
