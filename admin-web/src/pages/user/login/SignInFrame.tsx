import React from 'react';
import { useTranslation } from 'react-i18next';
import { BrandLogo } from '@/components/BrandLogo';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import styles from './index.css';

/** The full-screen frame of the sign-in steps and the required password change: language, brand, one panel. */
export function SignInFrame(props: { headingId: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={styles.page}>
      <header className={styles.toolbar}>
        <LanguageSwitch />
      </header>
      <main className={styles.main}>
        <section className={styles.panel} aria-labelledby={props.headingId}>
          <div className={styles.brand}>
            <BrandLogo size={40} />
            <p className={styles.brandName}>{t('app.name')}</p>
          </div>
          {props.children}
        </section>
      </main>
    </div>
  );
}
