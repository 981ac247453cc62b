import { describe, expect, it } from 'vitest';
import { translator } from '../../../apps/console/src/lib/i18n.ts';
import { en } from '../../../apps/console/src/lib/texts/en.ts';
import { id } from '../../../apps/console/src/lib/texts/id.ts';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('console texts', () => {
  it('has every English key in Indonesian with the same placeholders, and nothing more', () => {
    expect(Object.keys(id).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) expect(placeholders(id[key as keyof typeof en]), key).toEqual(placeholders(text));
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(translator('en')('inbox.position', { n: 3 })).toBe('#3 in queue');
    expect(translator('id')('notify.assigned', { title: 'Paket' })).toContain('Paket');
    expect(translator('en')('inbox.position')).toBe('#{n} in queue');
  });
});
