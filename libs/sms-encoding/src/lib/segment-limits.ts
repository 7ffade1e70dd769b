export type SmsEncoding = 'GSM7' | 'UCS2';

// One SMS carries 140 octets: 160 GSM-7 septets or 70 UCS-2 units. A concatenated message spends
// 6 octets per part on the UDH, leaving 153 septets or 67 units per segment (the reference's
// "153/67 chars per concatenated segment", Twilio T4/T5).
export const SEGMENT_LIMITS: Readonly<Record<SmsEncoding, { single: number; multi: number }>> = {
  GSM7: { single: 160, multi: 153 },
  UCS2: { single: 70, multi: 67 },
};
