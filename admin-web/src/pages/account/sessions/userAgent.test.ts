import { describe, expect, it } from 'vitest';
import { describeUserAgent, deviceLabel } from './userAgent';

describe('device names from the user agent', () => {
  it('names desktop browsers with their major version and the system', () => {
    expect(
      deviceLabel(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
        '未知设备',
      ),
    ).toBe('Chrome 131 · Windows');
    expect(
      deviceLabel(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
        '未知设备',
      ),
    ).toBe('Safari 17 · macOS');
    expect(
      deviceLabel(
        'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
        '未知设备',
      ),
    ).toBe('Firefox 128 · Linux');
  });

  it('tells Edge from the Chrome it is built on', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.2849.68',
      ),
    ).toEqual({ browser: 'Edge 130', os: 'Windows' });
  });

  it('recognises phones and the WeChat browser', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323d) NetType/WIFI Language/zh_CN',
      ),
    ).toEqual({ browser: 'WeChat 8', os: 'iPhone' });
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36',
      ),
    ).toEqual({ browser: 'Chrome 131', os: 'Android' });
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({ browser: 'Safari 17', os: 'iPhone' });
  });

  it('names scripts by their program, and says when nothing is known', () => {
    expect(deviceLabel('curl/8.5.0', '未知设备')).toBe('curl 8');
    expect(deviceLabel('node', '未知设备')).toBe('node');
    expect(deviceLabel(null, '未知设备')).toBe('未知设备');
    expect(deviceLabel('   ', 'Unknown device')).toBe('Unknown device');
  });
});
