import { maskLogText } from './mask-log-text';

describe('maskLogText', () => {
  it('keeps the issue-19 examples readable: timestamps and byte counts', () => {
    expect(maskLogText('{"time":"2026-12-04T18:54:20Z"}')).toBe('{"time":"2026-12-04T18:54:20Z"}');
    expect(maskLogText('record is 1048552 bytes')).toBe('record is 1048552 bytes');
    expect(maskLogText('at 2026-12-04 18:54:20.123+01:00')).toBe('at 2026-12-04 18:54:20.123+01:00');
  });

  it('keeps offsets, ids, addresses and Unix times readable', () => {
    const kept = [
      'committed offset 123456789 on partition 3',
      'trace 0af7651916cd43dd8448eb211c80319c span 0016d3cca4273355',
      'message 9a7c1e32-5530-4d1a-8b6e-123456789abc',
      'broker 192.168.100.200:9092',
      'sent at 1796000000 (1796000000123 ms)',
      'took 12345678 ms',
      'version 10.31.0, ratio 12345.678',
      'order 10023 for 49.90',
    ];
    for (const line of kept) expect(maskLogText(line)).toBe(line);
  });

  it('masks phone numbers in international, national and bare forms', () => {
    expect(maskLogText('reach +44 7700 900123 today')).toBe('reach **********23 today');
    expect(maskLogText('bad number +33612345678.')).toBe('bad number *********78.');
    expect(maskLogText('call 06 12 34 56 78 now')).toBe('call ********78 now');
    expect(maskLogText('call (555) 123-4567')).toBe('call ********67');
    expect(maskLogText('call 555-123-4567')).toBe('call ********67');
    expect(maskLogText('destination_addr=33612345678')).toBe('destination_addr=*********78');
    expect(maskLogText('to 447700900123 and 14155550123')).toBe('to **********23 and *********23');
  });

  it('masks OTP-shaped codes in known phrases and assigned secrets', () => {
    expect(maskLogText('Your code is 482913. It expires in 5 min')).toBe('Your code is ******. It expires in 5 min');
    expect(maskLogText('OTP: 4821')).toBe('OTP: [redacted]');
    expect(maskLogText('OTP 4821 sent')).toBe('OTP **** sent');
    expect(maskLogText('Ihr Code lautet 12345678')).toBe('Ihr Code lautet ********');
    expect(maskLogText('your PIN 0000')).toBe('your PIN ****');
    expect(maskLogText('GET /x?token=abc123&otp=991122')).toBe('GET /x?token=[redacted]&otp=[redacted]');
    expect(maskLogText('password: hunter2')).toBe('password: [redacted]');
  });
});
