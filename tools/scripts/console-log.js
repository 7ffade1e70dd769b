// The console view of `npm start`: one line per log record with the fields that matter, start-up
// noise at debug. The services' JSON logs are not changed; this only decides what a person sees.

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
// Shown first, in this order: what a reader looks for in a warning or a dead letter.
const FIRST = ['errorCode', 'code', 'reason', 'topic', 'partition', 'offset', 'messageId', 'carrier', 'state'];
// Already in the prefix, or too long to help on a console line (the JSON log keeps them).
const HIDDEN = new Set(['level', 'time', 'service', 'msg', 'pid', 'hostname', 'context', 'event', 'traceId', 'spanId']);
// Of kafkajs' own fields, these say what happened; the rest is client bookkeeping.
const KAFKA_FIELDS = ['error', 'groupId', 'broker', 'topic', 'partition', 'retryTime'];
const NEST_STARTUP = /^(InstanceLoader|RoutesResolver|RouterExplorer|NestFactory|NestApplication)$/;
const MAX_VALUE = 160;

/** A field value as it reads on one line: quoted when it has spaces, long ones cut. */
function show(value) {
  let s = Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (s.length > MAX_VALUE) s = `${s.slice(0, MAX_VALUE - 3)}...`;
  return /[\s"=]/.test(s) || s === '' ? JSON.stringify(s) : s;
}

/** `key=value` pairs of a record: the FIRST keys, then the others; errors and kafkajs fields flattened. */
function fields(rec) {
  const flat = {};
  for (const [k, v] of Object.entries(rec)) {
    if (HIDDEN.has(k) || v === undefined || v === null) continue;
    if (k === 'err' && typeof v === 'object') {
      flat.error = v.message ?? v.type;
      if (v.code !== undefined && rec.code === undefined) flat.code = v.code;
    } else if (k === 'kafka' && typeof v === 'object') {
      for (const kk of KAFKA_FIELDS) if (v[kk] !== undefined) flat[kk] = v[kk];
    } else flat[k] = v;
  }
  const keys = [...FIRST.filter((k) => k in flat), ...Object.keys(flat).filter((k) => !FIRST.includes(k))];
  return keys.map((k) => `${k}=${show(flat[k])}`).join(' ');
}

/**
 * Start-up noise: NestJS module and route lines, the simulator's machine-readable ready line (the
 * banner prints its ports), each service's own ready line (the banner lists them), and, until every
 * service is ready, the broker client's warnings and the errors it retries (a cold broker answers
 * "coordinator not available" for a few seconds).
 */
function isStartupNoise(rec, ready) {
  if (rec.level === undefined) return true;
  if (NEST_STARTUP.test(rec.context ?? '')) return true;
  if (rec.event === 'service.ready') return true;
  if (ready) return false;
  return String(rec.msg ?? '').startsWith('kafkajs:') || (rec.msg === 'consumer crashed' && rec.restart === true);
}

/**
 * Formats the lines of the processes `npm start` runs. `format` answers the console line, or null
 * when the record is below `level`. Before `markReady()`, a warning another service already printed
 * is not repeated (five services share one database, one broker); hidden start-up lines are kept
 * so they can be shown if start-up fails.
 */
function createConsoleLog({ level = 'info' } = {}) {
  const threshold = LEVELS[level] ?? LEVELS.info;
  const seen = new Set();
  const hidden = [];
  let ready = false;

  function format(name, line) {
    let rec;
    try {
      rec = JSON.parse(line);
    } catch {
      return `[${name}] ${line}`;
    }
    if (typeof rec !== 'object' || rec === null) return `[${name}] ${line}`;
    const lvl = isStartupNoise(rec, ready) ? 'debug' : rec.level;
    const text = `[${name}] ${rec.level ?? 'info'}: ${rec.msg ?? ''}${fields(rec) ? ` ${fields(rec)}` : ''}`;
    if ((LEVELS[lvl] ?? LEVELS.info) < threshold) {
      if (!ready && LEVELS[rec.level] >= LEVELS.warn) hidden.push(text);
      return null;
    }
    if (!ready && LEVELS[rec.level] >= LEVELS.warn) {
      if (seen.has(rec.msg)) return null;
      seen.add(rec.msg);
    }
    return text;
  }

  return {
    format,
    markReady: () => void (ready = true),
    /** Warnings and errors hidden before ready (the last 40): worth reading when start-up fails. */
    hiddenStartupLines: () => hidden.slice(-40),
  };
}

module.exports = { createConsoleLog };
