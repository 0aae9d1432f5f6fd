import { CheckOutlined, GlobalOutlined } from '@ant-design/icons';
import { useModel } from '@umijs/max';
import { Button, Popover } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, switchLanguage } from '@/i18n';
import { supportedLanguages, type Language } from '@/i18n/language';

// A button named "切换语言" / "Switch language" opening the list of languages, each named in its
// own language so that anyone can find theirs. Built on Popover rather than Dropdown: the login
// page already loads the popup code Popover needs, while Dropdown would add antd's Menu to it.
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { setInitialState } = useModel('@@initialState');
  const [open, setOpen] = useState(false);
  const active = currentLanguage();

  const choose = async (language: Language) => {
    setOpen(false);
    if (language === active) return;
    await switchLanguage(language);
    // The layout re-reads its menu titles only when the initial state changes.
    await setInitialState((state) => (state ? { ...state, language } : state));
  };

  const languageList = (
    <div role="menu" aria-label={t('language.switch')} style={{ display: 'flex', flexDirection: 'column' }}>
      {supportedLanguages.map((language) => (
        <Button
          key={language}
          type="text"
          role="menuitemradio"
          aria-checked={language === active}
          icon={<CheckOutlined style={{ visibility: language === active ? 'visible' : 'hidden' }} />}
          style={{ justifyContent: 'flex-start' }}
          onClick={() => choose(language)}
        >
          {t(`language.${language}`)}
        </Button>
      ))}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      arrow={false}
      open={open}
      onOpenChange={setOpen}
      content={languageList}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        aria-label={t('language.switch')}
        aria-haspopup="menu"
        aria-expanded={open}
        title={t('language.switch')}
      >
        {t(`language.${active}`)}
      </Button>
    </Popover>
  );
}
