import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import type { Locale } from '../api/types';
import activitiesEn from './activities.en.json';
import activitiesZhCN from './activities.zh-CN.json';
import casesEn from './cases.en.json';
import casesZhCN from './cases.zh-CN.json';
import catalogEn from './catalog.en.json';
import catalogZhCN from './catalog.zh-CN.json';
import en from './en.json';
import firstResponseEn from './firstresponse.en.json';
import firstResponseZhCN from './firstresponse.zh-CN.json';
import ordersEn from './orders.en.json';
import ordersZhCN from './orders.zh-CN.json';
import programsEn from './programs.en.json';
import programsZhCN from './programs.zh-CN.json';
import programsFiguresEn from './programs-figures.en.json';
import programsFiguresZhCN from './programs-figures.zh-CN.json';
import ratingsEn from './ratings.en.json';
import ratingsZhCN from './ratings.zh-CN.json';
import recordsEn from './records.en.json';
import recordsZhCN from './records.zh-CN.json';
import trainingEn from './training.en.json';
import trainingZhCN from './training.zh-CN.json';
import volunteersEn from './volunteers.en.json';
import volunteersZhCN from './volunteers.zh-CN.json';
import zhCN from './zh-CN.json';
import homeVisitsEn from './homevisits.en.json';
import homeVisitsZhCN from './homevisits.zh-CN.json';
import setupEn from './setup.en.json';
import setupZhCN from './setup.zh-CN.json';
import messagesEn from './messages.en.json';
import messagesZhCN from './messages.zh-CN.json';

export const resources = {
  'zh-CN': {
    translation: {
      ...zhCN,
      cases: casesZhCN,
      catalog: catalogZhCN,
      firstresponse: firstResponseZhCN,
      volunteers: volunteersZhCN,
      activities: activitiesZhCN,
      orders: ordersZhCN,
      records: recordsZhCN,
      programs: programsZhCN,
      programsFigures: programsFiguresZhCN,
      training: trainingZhCN,
      ratings: ratingsZhCN,
      homeVisits: homeVisitsZhCN,
      setup: setupZhCN,
      messages: messagesZhCN,
    },
  },
  en: {
    translation: {
      ...en,
      cases: casesEn,
      catalog: catalogEn,
      firstresponse: firstResponseEn,
      volunteers: volunteersEn,
      activities: activitiesEn,
      orders: ordersEn,
      records: recordsEn,
      programs: programsEn,
      programsFigures: programsFiguresEn,
      training: trainingEn,
      ratings: ratingsEn,
      homeVisits: homeVisitsEn,
      setup: setupEn,
      messages: messagesEn,
    },
  },
} as const;

/** Keeps <html lang>, the document title and the API's Accept-Language in step. */
function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  setApiLanguage(language);
  document.title = i18next.t('app.documentTitle');
}

export function initI18n(language: Locale): typeof i18next {
  i18next.on('languageChanged', applyLanguage);
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'zh-CN',
    supportedLngs: ['zh-CN', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  applyLanguage(language);
  return i18next;
}

export default i18next;
