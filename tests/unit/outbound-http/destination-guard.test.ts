import { describe, expect, it } from 'vitest';
import { DestinationGuard, type Resolve } from '../../../adapters/outbound-http/destination-guard.ts';

const table: Record<string, string[]> = {
  'hooks.example.test': ['93.184.215.14'],
  'inward.example.test': ['127.0.0.1'],
  'mixed.example.test': ['93.184.215.14', '10.0.0.5'],
  'v6.example.test': ['2606:4700::1111'],
};
const resolve: Resolve = async (host) => {
  const addresses = table[host];
  if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const strict = new DestinationGuard({ allowPrivateNetworks: false, resolve });

describe('DestinationGuard', () => {
  it.each([
    ['ftp://hooks.example.test/x', 'must be an http or https URL'],
    ['file:///etc/passwd', 'must be an http or https URL'],
    ['not a url', 'must be an http or https URL'],
    ['https://user:pw@hooks.example.test/', 'must not carry credentials'],
    ['http://169.254.169.254/latest/meta-data/', 'non-public'],
    ['http://127.0.0.1:3000/', 'non-public'],
    ['http://2130706433/', 'non-public'],
    ['http://0x7f.1/', 'non-public'],
    ['http://[::1]:8080/', 'non-public'],
    ['http://10.20.30.40/', 'non-public'],
    ['http://[::ffff:127.0.0.1]/', 'non-public'],
    ['http://[::ffff:a9fe:a9fe]/', 'non-public'],
    ['https://inward.example.test/hook', 'non-public'],
    ['https://mixed.example.test/hook', 'non-public'],
    ['https://nowhere.example.test/hook', 'does not resolve'],
  ])('refuses %s', async (url, reason) => {
    const vetting = await strict.vet(url);
    expect(vetting.ok).toBe(false);
    expect(!vetting.ok && vetting.reason).toContain(reason);
  });

  it('refuses localhost through the system resolver', async () => {
    const vetting = await new DestinationGuard({ allowPrivateNetworks: false }).vet('http://localhost:3000/hook');
    expect(vetting).toMatchObject({ ok: false });
  });

  it('accepts a public host and names the address to connect to', async () => {
    expect(await strict.vet('https://hooks.example.test/in?x=1')).toMatchObject({
      ok: true,
      destination: { host: 'hooks.example.test', address: '93.184.215.14', family: 4 },
    });
    expect(await strict.vet('https://v6.example.test/')).toMatchObject({ ok: true, destination: { address: '2606:4700::1111', family: 6 } });
    expect(await strict.vet('http://[2606:4700::1111]:8443/')).toMatchObject({ ok: true, destination: { host: '2606:4700::1111', family: 6 } });
  });

  it('allows private and loopback addresses when OUTBOUND_ALLOW_PRIVATE_NETWORKS is true, schemes still checked', async () => {
    const relaxed = new DestinationGuard({ allowPrivateNetworks: true, resolve });
    expect(await relaxed.vet('http://127.0.0.1:3000/')).toMatchObject({ ok: true, destination: { address: '127.0.0.1' } });
    expect(await relaxed.vet('https://inward.example.test/')).toMatchObject({ ok: true, destination: { address: '127.0.0.1' } });
    expect(await relaxed.vet('gopher://127.0.0.1/')).toMatchObject({ ok: false });
  });

  it('gives up on a resolver that does not answer in time', async () => {
    const stalled = new DestinationGuard({ allowPrivateNetworks: false, resolve: () => new Promise(() => {}), resolveTimeoutMs: 20 });
    expect(await stalled.vet('https://hooks.example.test/')).toMatchObject({ ok: false, reason: 'host does not resolve' });
  });
});
