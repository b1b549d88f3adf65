import { describe, expect, it } from 'vitest';
import { slug } from '../src/util/slug.js';

describe('slug', () => {
  it('makes safe file names from organisation names', () => {
    expect(slug('Anytown Borough Council')).toBe('anytown-borough-council');
    expect(slug('Café & Co-op, Ltd.')).toBe('cafe-and-co-op-ltd');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
    expect(slug('.hidden')).toBe('hidden');
    expect(slug('CON')).toBe('organisation');
    expect(slug('مجلس')).toBe('organisation');
    expect(slug('x'.repeat(200)).length).toBe(60);
  });
});
