import { describe, expect, it } from 'vitest';
import { ApiRequestError, isApiErrorBody, mapFieldErrors, toApiRequestError } from './errors';

const formFields = ['name', 'phone', 'email', 'tags'] as const;

describe('mapFieldErrors', () => {
  it('puts each server message on its form field', () => {
    const mapping = mapFieldErrors(
      [
        { field: 'phone', message: '请输入有效的中国大陆手机号' },
        { field: 'email', message: '邮箱格式不正确' },
      ],
      formFields,
    );
    expect(mapping).toEqual({
      fields: [
        { name: 'phone', errors: ['请输入有效的中国大陆手机号'] },
        { name: 'email', errors: ['邮箱格式不正确'] },
      ],
      unmatched: [],
    });
  });

  it('shows problems of nested values on the field that holds them', () => {
    const mapping = mapFieldErrors(
      [
        { field: 'tags.2', message: 'too long' },
        { field: 'tags[3]', message: 'too long' },
        { field: 'tags', message: 'too many' },
      ],
      formFields,
    );
    expect(mapping.fields).toEqual([{ name: 'tags', errors: ['too long', 'too many'] }]);
  });

  it('keeps messages for fields the form does not have, and for the whole body', () => {
    const mapping = mapFieldErrors(
      [
        { field: 'ownerId', message: 'no such user' },
        { field: '', message: 'body is invalid' },
        { field: 'name', message: 'required' },
      ],
      formFields,
    );
    expect(mapping.fields).toEqual([{ name: 'name', errors: ['required'] }]);
    expect(mapping.unmatched).toEqual(['no such user', 'body is invalid']);
  });

  it('gives nothing for no details', () => {
    expect(mapFieldErrors([], formFields)).toEqual({ fields: [], unmatched: [] });
  });
});

describe('toApiRequestError', () => {
  it('keeps the code, message and details of the API error shape', () => {
    const error = toApiRequestError(
      422,
      {
        code: 'VALIDATION_FAILED',
        message: '提交的数据有误',
        details: [{ field: 'phone', message: '手机号无效' }],
      },
      'fallback',
    );
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', message: '提交的数据有误' });
    expect(error.details).toEqual([{ field: 'phone', message: '手机号无效' }]);
  });

  it('falls back to the given message for anything else', () => {
    const error = toApiRequestError(502, '<html>Bad Gateway</html>', '请求失败');
    expect(error).toMatchObject({ status: 502, code: undefined, message: '请求失败', details: [] });
  });

  it('ignores malformed details', () => {
    const error = toApiRequestError(
      422,
      { code: 'X', message: 'm', details: [{ field: 1 }, null, 'x'] },
      'f',
    );
    expect(error.details).toEqual([]);
  });

  it('recognises the error body shape', () => {
    expect(isApiErrorBody({ code: 'UNAUTHENTICATED', message: '请先登录', details: [] })).toBe(true);
    expect(isApiErrorBody({ message: 'no code' })).toBe(false);
    expect(isApiErrorBody(null)).toBe(false);
  });
});
