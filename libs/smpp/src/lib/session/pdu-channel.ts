import type { Duplex } from 'node:stream';
import { CommandStatus } from '../pdu/command-status';
import { FrameDecoder } from '../pdu/frame-decoder';
import { decodePdu, encodePdu, type Pdu } from '../pdu/pdu';
import { SmppError } from '../smpp-error';

export interface PduChannelHandlers {
  onPdu(pdu: Pdu): void;
  onError(e: Error): void;
}

/**
 * PDUs over a byte stream: frames and decodes what arrives, encodes what leaves. A frame that
 * cannot be decoded gets a generic_nack; a stream that cannot be framed is destroyed.
 */
export class PduChannel {
  private readonly decoder = new FrameDecoder();
  private corked = false;

  constructor(
    private readonly socket: Duplex,
    private readonly handlers: PduChannelHandlers,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  get writable(): boolean {
    return !this.socket.destroyed;
  }

  /** Throws CONNECTION_LOST when the socket is gone: the caller knows the PDU was not written. */
  write(pdu: Pdu): void {
    const socket = this.socket;
    if (socket.destroyed) throw new SmppError('CONNECTION_LOST', 'socket is closed');
    const bytes = encodePdu(pdu);
    // Corked until the end of the tick: a window's worth of PDUs leaves in one syscall.
    if (!this.corked) {
      this.corked = true;
      socket.cork();
      process.nextTick(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    socket.write(bytes);
  }

  /** For responses: nothing to do when the peer is already gone. */
  writeIfOpen(pdu: Pdu): void {
    if (!this.socket.destroyed) this.write(pdu);
  }

  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (e) {
      this.handlers.onError(e as Error);
      this.socket.destroy();
      return;
    }
    for (const frame of frames) {
      let pdu: Pdu;
      try {
        pdu = decodePdu(frame);
      } catch (e) {
        this.handlers.onError(e as Error);
        this.writeIfOpen({
          command: 'generic_nack',
          sequenceNumber: frame.readUInt32BE(12),
          commandStatus: CommandStatus.ESME_RINVMSGLEN,
        });
        continue;
      }
      this.handlers.onPdu(pdu);
    }
  }
}
