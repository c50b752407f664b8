import type { Messages } from './en-us.js';

export const zhCn: Messages = {
  columns: {
    instance: '实例',
    total: '总会话',
    active: '活跃',
    slowSql: '慢SQL',
    lock: '锁等待',
    level: '级别',
    error: '错误',
  },
  levels: { ok: '正常', warn: '警告', crit: '严重', error: '错误' },
  localErrors: {
    TIMEOUT: '请求超时',
    NETWORK: '网络错误',
    TLS: 'TLS 错误',
    BAD_RESPONSE: '响应格式错误',
    TOO_LARGE: '响应过大',
    REDIRECT: '意外的重定向',
    HTTP: 'HTTP 错误',
    AUTH_EXPIRED: '凭证被拒绝',
  },
  demo: '演示',
  demoNote: '内置模拟器上的模拟实例，并非真实云环境',
  summary: (answered, total) => `${answered}/${total} 个实例已响应`,
};
