import { connect } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * Opens the byte stream to the SMSC; it must emit 'connect' once usable. The default is TCP with
 * Nagle off (a window of small PDUs must not wait for ACKs); tests pass an in-memory Duplex.
 */
export type TransportFactory = (host: string, port: number) => Duplex;

export const tcpTransport: TransportFactory = (host, port) => connect({ host, port, noDelay: true });
