/** The web's session cookie (HttpOnly; the Bearer token is the other way in). */
export const SESSION_COOKIE = 'ds_session';
