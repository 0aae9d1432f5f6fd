import type { CurrentUser } from '@/api/types';
import { currentLanguage } from '@/i18n';
import type { Language } from '@/i18n/language';
import { fetchCurrentUser } from './session';

// Umi's initial state: read by the layout, the access rules and the header.
export interface InitialState {
  currentUser?: CurrentUser;
  // Kept here so that a language switch re-renders the layout's menu and title.
  language: Language;
}

export async function loadInitialState(): Promise<InitialState> {
  return { currentUser: await fetchCurrentUser(), language: currentLanguage() };
}
