import { useSearchParams } from 'react-router-dom';
import { chinaDay } from '../../lib/china-time';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The class day a door or roster screen shows: `?day=YYYY-MM-DD` when given (any session day),
 * otherwise today in China (the door's calendar, whatever the phone's timezone).
 */
export function useClassDayParam(now: () => Date = () => new Date()) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('day');
  const day = asked && DAY.test(asked) ? asked : chinaDay(now());
  const setDay = (next: string) =>
    setParams(DAY.test(next) ? { day: next } : {}, { replace: true });
  return { day, setDay };
}
