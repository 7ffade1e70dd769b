export { SmppError, SmppErrorCatalog, isSmppError, type SmppErrorCode, type SmppErrorOptions } from './lib/smpp-error';
export { CommandId, commandName, isResponseId, type CommandName } from './lib/pdu/command-id';
export {
  CommandStatus,
  classifyStatus,
  commandStatusName,
  commandStatusFromName,
  type CommandStatusName,
  type StatusClass,
} from './lib/pdu/command-status';
export {
  encodePdu,
  decodePdu,
  HEADER_LENGTH,
  type Pdu,
  type PduHeader,
  type BindPdu,
  type BindRespPdu,
  type HeaderOnlyPdu,
  type SubmitSmPdu,
  type DeliverSmPdu,
  type MessageIdRespPdu,
  type UnknownPdu,
} from './lib/pdu/pdu';
export { SMPP_VERSION_34, type BindBody, type BindRespBody } from './lib/pdu/bind';
export { MAX_SHORT_MESSAGE, type ShortMessageBody } from './lib/pdu/short-message';
export { EsmClass, DataCoding } from './lib/pdu/submit-sm';
export {
  TlvTag,
  IndiaDltTlvTag,
  tlv,
  findTlv,
  readTlvUint,
  readTlvString,
  readUserMessageReference,
  type Tlv,
} from './lib/pdu/tlv';
export { FrameDecoder } from './lib/pdu/frame-decoder';
export { relativeValidityPeriod, parseRelativeValidityPeriod } from './lib/pdu/validity-period';
export { encodeGsm7Unpacked, decodeGsm7Unpacked, isGsm7Encodable } from './lib/gsm7';
export {
  buildParts,
  encodeText,
  decodeText,
  type MessagePart,
  type BuildPartsOptions,
  type ConcatMethod,
} from './lib/multipart';
export { parseDlr, parseDlrDate, type ParsedDlr, type DlrTlvs } from './lib/dlr/parse-dlr';
export { parseDeliverReceipt } from './lib/dlr/deliver-receipt';
export { normalizeMessageId, messageIdCandidates } from './lib/dlr/message-id';
export { MessageState, messageStateToStat, normalizeStat } from './lib/dlr/message-state';
export {
  type SmppConnectOptions,
  type SmppSessionDeps,
  type SubmitResult,
  type SessionState,
  type SmppSessionEvents,
} from './lib/session/session-options';
export { SmppSession } from './lib/session/smpp-session';
export {
  ReconnectingSmppClient,
  type ClientState,
  type ReconnectOptions,
  type ReconnectingClientEvents,
} from './lib/session/reconnecting-client';
export { buildSubmitSm, inferAddress, type SubmitParams, type DeliverEvent } from './lib/session/submit-params';
export { reconnectDelay, type BackoffOptions } from './lib/session/backoff';
export { systemTimers, type SessionTimers, type TimerHandle } from './lib/session/session-timers';
export { tcpTransport, type TransportFactory } from './lib/session/transport';
