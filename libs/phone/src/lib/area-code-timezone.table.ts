export interface AreaCodeZones {
  callingCode: string;
  /** Leading digits of the national significant number -> IANA zone; the longest match wins. */
  zones: Readonly<Record<string, string>>;
}

// Only large cities and the ranges whose offset differs from the country default. Mobile numbers
// keep their area code when people move, so this is a guess about where the subscriber started.
const NANP: AreaCodeZones = {
  callingCode: '1',
  zones: {
    ...zone('America/New_York', [
      '212',
      '646',
      '917',
      '718',
      '347',
      '201',
      '617',
      '202',
      '215',
      '305',
      '407',
      '404',
      '313',
      '704',
    ]),
    ...zone('America/Chicago', ['312', '773', '214', '713', '210', '512', '314', '504', '612', '615']),
    ...zone('America/Denver', ['303', '720', '801', '505']),
    ...zone('America/Phoenix', ['602', '480', '520']),
    ...zone('America/Los_Angeles', [
      '213',
      '310',
      '323',
      '415',
      '408',
      '510',
      '650',
      '619',
      '916',
      '206',
      '503',
      '702',
    ]),
    ...zone('America/Anchorage', ['907']),
    ...zone('Pacific/Honolulu', ['808']),
    ...zone('America/Toronto', ['416', '647', '437', '905', '613', '514', '438', '418']),
    ...zone('America/Vancouver', ['604', '778', '236', '250']),
    ...zone('America/Edmonton', ['403', '587', '780', '825']),
    ...zone('America/Winnipeg', ['204', '431']),
    ...zone('America/Regina', ['306', '639']),
    ...zone('America/Halifax', ['902', '782']),
    ...zone('America/St_Johns', ['709']),
  },
};

export const AREA_CODE_TIMEZONES: Readonly<Record<string, AreaCodeZones>> = {
  US: NANP,
  CA: NANP,
  // Landlines only: mobiles (04) are national and fall back to the country default.
  AU: {
    callingCode: '61',
    zones: {
      ...zone('Australia/Sydney', ['2']),
      ...zone('Australia/Melbourne', ['3']),
      ...zone('Australia/Hobart', ['362', '363', '364']),
      ...zone('Australia/Brisbane', ['7']),
      ...zone('Australia/Adelaide', ['87', '88']),
      ...zone('Australia/Darwin', ['889']),
      ...zone('Australia/Perth', ['86', '89']),
    },
  },
  // Mobiles keep the two-digit DDD, so both lines and mobiles resolve.
  BR: {
    callingCode: '55',
    zones: {
      ...zone('America/Cuiaba', ['65', '66']),
      ...zone('America/Campo_Grande', ['67']),
      ...zone('America/Rio_Branco', ['68']),
      ...zone('America/Porto_Velho', ['69']),
      ...zone('America/Manaus', ['92', '97']),
      ...zone('America/Boa_Vista', ['95']),
    },
  },
  // Mobiles (9xx) are national and fall back to Moscow.
  RU: {
    callingCode: '7',
    zones: {
      ...zone('Europe/Kaliningrad', ['401']),
      ...zone('Europe/Samara', ['846']),
      ...zone('Asia/Yekaterinburg', ['343']),
      ...zone('Asia/Omsk', ['381']),
      ...zone('Asia/Novosibirsk', ['383']),
      ...zone('Asia/Krasnoyarsk', ['391']),
      ...zone('Asia/Irkutsk', ['395']),
      ...zone('Asia/Vladivostok', ['423', '421']),
    },
  },
  MX: {
    callingCode: '52',
    zones: {
      ...zone('America/Tijuana', ['664', '686', '646']),
      ...zone('America/Hermosillo', ['662']),
      ...zone('America/Mazatlan', ['669', '667']),
      ...zone('America/Chihuahua', ['614']),
      ...zone('America/Monterrey', ['81']),
      ...zone('America/Cancun', ['998', '984', '983']),
    },
  },
};

function zone(timezone: string, prefixes: readonly string[]): Record<string, string> {
  return Object.fromEntries(prefixes.map((prefix) => [prefix, timezone]));
}
