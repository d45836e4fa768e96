import { describe, expect, it } from 'vitest';
import { demoTelephonyPorts } from './demo-telephony';

describe('the demo phone ports', () => {
  it('are free ones unless the environment fixes them', () => {
    expect(demoTelephonyPorts({})).toEqual({});
    expect(demoTelephonyPorts({ SWITCHBOARD_SIP_WS_PORT: '8088', SWITCHBOARD_SIP_PORT: '' })).toEqual({ wsPort: 8088 });
    expect(demoTelephonyPorts({ SWITCHBOARD_SIP_WS_PORT: '8088', SWITCHBOARD_SIP_PORT: '5070' })).toEqual({ wsPort: 8088, sipPort: 5070 });
  });

  it('refuse a value that is no port, saying which settings', () => {
    expect(() => demoTelephonyPorts({ SWITCHBOARD_SIP_WS_PORT: 'eighty' })).toThrow(/SWITCHBOARD_SIP_WS_PORT/);
    expect(() => demoTelephonyPorts({ SWITCHBOARD_SIP_PORT: '80' })).toThrow(/1024 to 65535/);
  });
});
