import type { Language } from '../language.js';

/** The error codes the emulator answers with, and their texts in both languages (as `X-Language` asks). */
export const emulatorErrors = {
  'APIGW.0301': {
    status: 401,
    'en-us': 'Incorrect IAM authentication information: verify aksk signature fail or token expires.',
    'zh-cn': 'IAM 认证信息错误：AK/SK 签名校验失败或 token 已过期。',
  },
  'APIGW.0308': {
    status: 429,
    'en-us': 'The throttling threshold has been reached.',
    'zh-cn': '请求已达到流控阈值。',
  },
  'DBS.200002': { status: 404, 'en-us': 'The instance does not exist.', 'zh-cn': '实例不存在。' },
  'DBS.200011': {
    status: 403,
    'en-us': 'The instance status does not allow this operation.',
    'zh-cn': '当前实例状态不允许执行此操作。',
  },
  'DBS.200001': { status: 400, 'en-us': 'Parameter error.', 'zh-cn': '参数错误。' },
  // The emulator's stand-in for an unexpected server failure; the real code varies.
  'DBS.200000': { status: 500, 'en-us': 'Internal server error.', 'zh-cn': '服务内部错误。' },
  'IAM.0001': {
    status: 401,
    'en-us': 'The username or password is wrong.',
    'zh-cn': '用户名或密码错误。',
  },
} as const;

export type EmulatorErrorCode = keyof typeof emulatorErrors;

export function codeForStatus(status: number): EmulatorErrorCode {
  const found = (Object.keys(emulatorErrors) as EmulatorErrorCode[]).find(
    (code) => emulatorErrors[code].status === status,
  );
  return found ?? 'DBS.200000';
}

export function errorText(code: EmulatorErrorCode, language: Language): string {
  return emulatorErrors[code][language];
}
