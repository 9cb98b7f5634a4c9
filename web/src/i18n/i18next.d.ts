import 'i18next';
import type activitiesZhCN from './activities.zh-CN.json';
import type casesZhCN from './cases.zh-CN.json';
import type catalogZhCN from './catalog.zh-CN.json';
import type firstResponseZhCN from './firstresponse.zh-CN.json';
import type ordersZhCN from './orders.zh-CN.json';
import type programsZhCN from './programs.zh-CN.json';
import type programsFiguresZhCN from './programs-figures.zh-CN.json';
import type ratingsZhCN from './ratings.zh-CN.json';
import type recordsZhCN from './records.zh-CN.json';
import type trainingZhCN from './training.zh-CN.json';
import type volunteersZhCN from './volunteers.zh-CN.json';
import type zhCN from './zh-CN.json';
import type homeVisitsZhCN from './homevisits.zh-CN.json';
import type setupZhCN from './setup.zh-CN.json';
import type messagesZhCN from './messages.zh-CN.json';

/** One object type (not an intersection): cheaper for i18next's key types to walk. */
type Translation = {
  [
    K in
      | keyof typeof zhCN
      | 'volunteers'
      | 'cases'
      | 'catalog'
      | 'firstresponse'
      | 'activities'
      | 'records'
      | 'orders'
      | 'programs'
      | 'programsFigures'
      | 'training'
      | 'ratings'
      | 'homeVisits'
      | 'setup'
      | 'messages'
  ]: K extends 'messages'
    ? typeof messagesZhCN
    : K extends 'setup'
      ? typeof setupZhCN
      : K extends 'training'
        ? typeof trainingZhCN
        : K extends 'ratings'
          ? typeof ratingsZhCN
          : K extends 'homeVisits'
            ? typeof homeVisitsZhCN
            : K extends 'programs'
              ? typeof programsZhCN
              : K extends 'programsFigures'
                ? typeof programsFiguresZhCN
                : K extends 'orders'
                  ? typeof ordersZhCN
                  : K extends 'records'
                    ? typeof recordsZhCN
                    : K extends 'volunteers'
                      ? typeof volunteersZhCN
                      : K extends 'activities'
                        ? typeof activitiesZhCN
                        : K extends 'cases'
                          ? typeof casesZhCN
                          : K extends 'catalog'
                            ? typeof catalogZhCN
                            : K extends 'firstresponse'
                              ? typeof firstResponseZhCN
                              : K extends keyof typeof zhCN
                                ? (typeof zhCN)[K]
                                : never;
};

/** Makes t('some.key') a type error when the key is not in the resource files. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}
