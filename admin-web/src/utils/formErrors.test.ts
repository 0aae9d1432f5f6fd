import { describe, expect, it } from 'vitest';
import { valueAtPath } from './formErrors';

describe('valueAtPath', () => {
  it('walks objects and arrays', () => {
    const values = { phones: [{ number: '138' }, { number: '139' }], name: '王芳' };
    expect(valueAtPath(values, ['phones', 1, 'number'])).toBe('139');
    expect(valueAtPath(values, ['name'])).toBe('王芳');
    expect(valueAtPath(values, ['phones', 5, 'number'])).toBeUndefined();
    expect(valueAtPath(values, ['name', 'x'])).toBeUndefined();
  });
});
