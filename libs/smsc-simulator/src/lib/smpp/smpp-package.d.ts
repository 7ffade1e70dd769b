// The parts of the `smpp` package (node-smpp 0.5.1, plain JavaScript) the simulator uses.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export type PduOptions = Record<string, unknown>;

  export class PDU {
    constructor(command: string | Buffer, options?: PduOptions);
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(options?: PduOptions): PDU;
    isResponse(): boolean;
    toBuffer(): Buffer;
  }

  export class Session extends EventEmitter {
    socket: Socket;
    send(pdu: PDU, responseCallback?: (pdu: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
  }

  export class Server extends NetServer {
    sessions: Session[];
  }

  export function createServer(options: PduOptions, listener?: (session: Session) => void): Server;

  export interface ParamDef {
    type: unknown;
    filter?: unknown;
    default?: unknown;
  }

  export interface TlvDef {
    id: number;
    type: unknown;
    filter?: unknown;
    multiple?: boolean;
  }

  export interface TextCodec {
    match(value: string): boolean;
    encode(value: string): Buffer;
    decode(value: Buffer): string;
  }

  export const commands: Record<string, { id: number; params?: Record<string, ParamDef> }>;
  export const tlvs: Record<string, TlvDef>;
  export const tlvsById: Record<number, TlvDef & { tag: string }>;
  export const types: { buffer: unknown; tlv: { buffer: unknown } };
  export const encodings: { ASCII: TextCodec; LATIN1: TextCodec; UCS2: TextCodec };
  export const errors: Record<string, number>;
}
