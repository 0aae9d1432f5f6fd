import { useModel } from '@umijs/max';
import { Radio } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, switchLanguage } from '@/i18n';
import { isLanguage, supportedLanguages } from '@/i18n/language';

// Radio buttons rather than a dropdown: both choices stay visible and are reachable by name
// (`getByRole('radio', { name: 'English' })`), and the login page avoids loading menu code.
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { setInitialState } = useModel('@@initialState');

  return (
    // antd does not pass `role` through to the group element, hence the wrapper.
    <div role="radiogroup" aria-label={t('language.switch')} style={{ display: 'inline-block' }}>
      <Radio.Group
        optionType="button"
        size={size}
        value={currentLanguage()}
        options={supportedLanguages.map((language) => ({
          value: language,
          label: t(`language.${language}`),
        }))}
        onChange={async (event) => {
          const chosen: unknown = event.target.value;
          if (!isLanguage(chosen)) return;
          await switchLanguage(chosen);
          // The layout re-reads its menu titles only when the initial state changes.
          await setInitialState((state) => ({ ...state, language: chosen }));
        }}
      />
    </div>
  );
}
