import { Navigate, useLocation } from 'react-router-dom';
import { useMe } from '../session/session-context';

/**
 * an administrator who must enrol a second factor (REQUIRE_ADMIN_2FA) is sent to the settings
 * page until it is on (the server refuses everything else with TOTP_ENROLMENT_REQUIRED anyway).
 */
export function SecondFactorGate() {
  const me = useMe();
  const { pathname } = useLocation();
  const mustEnrol = Boolean(me.secondFactor?.required && !me.secondFactor.enabled);
  return mustEnrol && pathname !== '/settings' ? <Navigate to="/settings" replace /> : null;
}
