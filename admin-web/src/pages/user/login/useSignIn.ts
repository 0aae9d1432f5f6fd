import { useModel } from '@umijs/max';
import { flushSync } from 'react-dom';
import type { LoginResponse } from '@/api/types';
import { keepSession } from '@/auth/session';
import { currentLanguage } from '@/i18n';

/** Keeps a finished sign-in's tokens and puts the user where the layout's guard reads it. */
export function useFinishSignIn() {
  const { setInitialState } = useModel('@@initialState');
  return (session: LoginResponse) => {
    const user = keepSession(session);
    // The layout's guard reads the user from the initial state; it has to be there before the page
    // the user is sent to renders.
    flushSync(() => {
      void setInitialState((state) => ({ language: currentLanguage(), ...state, currentUser: user }));
    });
    return user;
  };
}
