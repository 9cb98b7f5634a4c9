import 'i18next';
import type zhCN from './zh-CN.json';

/** Makes t('some.key') a type error when the key is not in the resource files. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
