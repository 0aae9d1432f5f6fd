import { useModel } from '@umijs/max';
import { useMutation } from '@tanstack/react-query';
import { flushSync } from 'react-dom';
import type { LoginRequest } from '@/api/types';
import { signIn } from '@/auth/session';
import { currentLanguage } from '@/i18n';

export function useSignIn() {
  const { setInitialState } = useModel('@@initialState');
  return useMutation({
    mutationFn: (credentials: LoginRequest) => signIn(credentials),
    onSuccess: (user) => {
      // The layout's guard reads the user from the initial state; it has to be there before
      // the page the user is sent to renders.
      flushSync(() => {
        void setInitialState((state) => ({ language: currentLanguage(), ...state, currentUser: user }));
      });
    },
  });
}
